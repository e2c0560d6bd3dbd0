const migration = {
    version: '002',
    description: 'Add repository analysis tables',
    async up(m) {
        const { t } = m;
        await m.exec(`CREATE TABLE repositories (
    id ${t.uuidPk},
    endpoint_id ${t.uuid} REFERENCES endpoints(id) ON DELETE CASCADE,
    repo_name VARCHAR(255) NOT NULL,
    repo_url VARCHAR(500),
    packages ${t.json} DEFAULT '{}',
    last_updated ${t.timestamptz} DEFAULT ${t.now},
    created_at ${t.timestamptz} DEFAULT ${t.now}
)`);
        await m.exec('CREATE INDEX idx_repositories_endpoint_id ON repositories(endpoint_id)');
        await m.exec('CREATE INDEX idx_repositories_repo_name ON repositories(repo_name)');
        await m.exec('CREATE INDEX idx_repositories_last_updated ON repositories(last_updated)');
        await m.exec('CREATE UNIQUE INDEX idx_repositories_endpoint_repo ON repositories(endpoint_id, repo_name)');
    },
    async down(m) {
        await m.exec('DROP TABLE repositories');
    },
};
export default migration;
//# sourceMappingURL=002-repository-analysis.js.map