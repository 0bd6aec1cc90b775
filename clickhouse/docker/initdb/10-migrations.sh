# Sourced (not executable on purpose) by the clickhouse/clickhouse-server image's entrypoint on the
# first start of an empty data volume, which defines clickhouseclient: clickhouse-client logged in
# as CLICKHOUSE_USER. Applies Ringstream's schema migrations, mounted at /ringstream/migrations, in
# file-name order. The jobs' ClickHouseMigrator records them later; every statement is idempotent.
for migration in /ringstream/migrations/*.sql; do
    echo "ringstream: applying ${migration}"
    "${clickhouseclient[@]}" < "${migration}"
done
