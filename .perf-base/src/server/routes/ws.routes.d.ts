import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
/** `/api/v1/ws?token=psk_…` → `/api/v1/ws?token=[redacted]` (for logs). */
export declare function redactQueryToken(url: string): string;
export declare const wsRoutes: FastifyPluginAsyncTypebox;
