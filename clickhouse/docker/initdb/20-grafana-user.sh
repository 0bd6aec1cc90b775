# Sourced (not executable on purpose) by the clickhouse/clickhouse-server image's entrypoint on the
# first start of an empty data volume, after the migrations. Creates the user Grafana's data source
# logs in as: SELECT on the ringstream database only, and readonly = 2 (the plugin may set query
# settings, but nothing can write or change the schema). Its password comes from
# RINGSTREAM_CLICKHOUSE_GRAFANA_PASSWORD and reaches the server as a SHA-256 hash only.
if [ -z "${RINGSTREAM_CLICKHOUSE_GRAFANA_PASSWORD:-}" ]; then
    echo >&2 "ringstream: set RINGSTREAM_CLICKHOUSE_GRAFANA_PASSWORD (see .env.example)"
    exit 1
fi
grafana_password_hash="$(printf '%s' "${RINGSTREAM_CLICKHOUSE_GRAFANA_PASSWORD}" | sha256sum | cut -d' ' -f1)"
echo "ringstream: creating the read-only ClickHouse user grafana"
"${clickhouseclient[@]}" <<SQL
CREATE USER IF NOT EXISTS grafana IDENTIFIED WITH sha256_hash BY '${grafana_password_hash}'
    SETTINGS readonly = 2;
GRANT SELECT ON ringstream.* TO grafana;
SQL
unset grafana_password_hash
