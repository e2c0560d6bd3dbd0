const migration = {
    version: '001',
    description: 'Initial database schema',
    async up(m) {
        const { t } = m;
        if (m.dialect === 'pg') {
            // gen_random_uuid() is built in from PostgreSQL 13; 12 needs pgcrypto for it.
            await m.exec(`DO $$ BEGIN
  IF current_setting('server_version_num')::int < 130000 THEN CREATE EXTENSION IF NOT EXISTS pgcrypto; END IF;
END $$`);
        }
        await m.exec(`CREATE TABLE pools (
    id ${t.uuidPk},
    name VARCHAR(255) NOT NULL UNIQUE,
    description TEXT,
    settings ${t.json} DEFAULT '{}',
    created_at ${t.timestamptz} DEFAULT ${t.now},
    updated_at ${t.timestamptz} DEFAULT ${t.now}
)`);
        await m.exec('CREATE INDEX idx_pools_name ON pools(name)');
        await m.exec('CREATE INDEX idx_pools_created_at ON pools(created_at)');
        await m.exec(`CREATE TABLE endpoints (
    id ${t.uuidPk},
    name VARCHAR(255) NOT NULL UNIQUE,
    hostname VARCHAR(255) NOT NULL,
    pool_id ${t.uuid} REFERENCES pools(id) ON DELETE SET NULL,
    api_key_hash VARCHAR(255) NOT NULL,
    status VARCHAR(50) DEFAULT 'offline',
    sync_status VARCHAR(50) DEFAULT 'unknown',
    system_info ${t.json} DEFAULT '{}',
    last_seen ${t.timestamptz},
    created_at ${t.timestamptz} DEFAULT ${t.now},
    updated_at ${t.timestamptz} DEFAULT ${t.now}
)`);
        await m.exec('CREATE INDEX idx_endpoints_pool_id ON endpoints(pool_id)');
        await m.exec('CREATE INDEX idx_endpoints_name ON endpoints(name)');
        await m.exec('CREATE INDEX idx_endpoints_status ON endpoints(status)');
        await m.exec('CREATE INDEX idx_endpoints_last_seen ON endpoints(last_seen)');
        await m.exec(`CREATE TABLE package_states (
    id ${t.uuidPk},
    pool_id ${t.uuid} REFERENCES pools(id) ON DELETE CASCADE,
    endpoint_id ${t.uuid} REFERENCES endpoints(id) ON DELETE CASCADE,
    state_data ${t.json} NOT NULL,
    is_target ${t.bool} DEFAULT ${t.false},
    message TEXT,
    created_by VARCHAR(255),
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
        await m.exec('CREATE INDEX idx_package_states_pool_id ON package_states(pool_id)');
        await m.exec('CREATE INDEX idx_package_states_endpoint_id ON package_states(endpoint_id)');
        await m.exec('CREATE INDEX idx_package_states_is_target ON package_states(is_target)');
        await m.exec('CREATE INDEX idx_package_states_created_at ON package_states(created_at)');
        // One target state per pool.
        await m.exec(`CREATE UNIQUE INDEX idx_package_states_unique_target ON package_states(pool_id) WHERE is_target = ${t.true}`);
        await m.exec(`CREATE TABLE sync_operations (
    id ${t.uuidPk},
    pool_id ${t.uuid} REFERENCES pools(id) ON DELETE CASCADE,
    endpoint_id ${t.uuid} REFERENCES endpoints(id) ON DELETE CASCADE,
    operation_type VARCHAR(50) NOT NULL,
    status VARCHAR(50) DEFAULT 'pending',
    progress INTEGER DEFAULT 0,
    details ${t.json} DEFAULT '{}',
    error_message TEXT,
    started_at ${t.timestamptz} DEFAULT ${t.now},
    completed_at ${t.timestamptz},
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
        await m.exec('CREATE INDEX idx_sync_operations_pool_id ON sync_operations(pool_id)');
        await m.exec('CREATE INDEX idx_sync_operations_endpoint_id ON sync_operations(endpoint_id)');
        await m.exec('CREATE INDEX idx_sync_operations_status ON sync_operations(status)');
        await m.exec('CREATE INDEX idx_sync_operations_started_at ON sync_operations(started_at)');
        await m.exec('CREATE INDEX idx_sync_operations_type ON sync_operations(operation_type)');
        await m.exec(`CREATE TABLE api_keys (
    id ${t.uuidPk},
    endpoint_id ${t.uuid} REFERENCES endpoints(id) ON DELETE CASCADE,
    key_hash VARCHAR(255) NOT NULL UNIQUE,
    name VARCHAR(255),
    permissions ${t.json} DEFAULT '{}',
    last_used ${t.timestamptz},
    expires_at ${t.timestamptz},
    is_active ${t.bool} DEFAULT ${t.true},
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
        await m.exec('CREATE INDEX idx_api_keys_endpoint_id ON api_keys(endpoint_id)');
        await m.exec('CREATE INDEX idx_api_keys_hash ON api_keys(key_hash)');
        await m.exec('CREATE INDEX idx_api_keys_active ON api_keys(is_active)');
        await m.exec('CREATE INDEX idx_api_keys_expires_at ON api_keys(expires_at)');
        await m.exec(`CREATE TABLE system_events (
    id ${t.uuidPk},
    event_type VARCHAR(100) NOT NULL,
    severity VARCHAR(20) DEFAULT 'info',
    message TEXT NOT NULL,
    details ${t.json} DEFAULT '{}',
    user_id VARCHAR(255),
    endpoint_id ${t.uuid} REFERENCES endpoints(id) ON DELETE SET NULL,
    pool_id ${t.uuid} REFERENCES pools(id) ON DELETE SET NULL,
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
        await m.exec('CREATE INDEX idx_system_events_type ON system_events(event_type)');
        await m.exec('CREATE INDEX idx_system_events_severity ON system_events(severity)');
        await m.exec('CREATE INDEX idx_system_events_created_at ON system_events(created_at)');
        await m.exec('CREATE INDEX idx_system_events_endpoint_id ON system_events(endpoint_id)');
        await m.exec('CREATE INDEX idx_system_events_pool_id ON system_events(pool_id)');
    },
    async down(m) {
        // Dependants first; indexes go with their tables.
        for (const table of ['system_events', 'api_keys', 'sync_operations', 'package_states', 'endpoints', 'pools']) {
            await m.exec(`DROP TABLE ${table}`);
        }
    },
};
export default migration;
//# sourceMappingURL=001-initial-schema.js.map