import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
export declare const operationRoutes: FastifyPluginAsyncTypebox;
