-- Every refit of a tenant's customer-value models (BG/NBD and Gamma-Gamma), written by the
-- conversion job: the parameters, the data they were fitted on and how long it took. One row per
-- fit; customer_value.fit_version names the fit a row was scored with. Kept.
CREATE TABLE IF NOT EXISTS ringstream.customer_value_fits
(
    tenant               String,
    fit_version          UInt64,
    fitted_at            DateTime,
    as_of                Date,
    customers            UInt64,
    repeat_customers     UInt64,
    r                    Float64,
    alpha                Float64,
    a                    Float64,
    b                    Float64,
    bgnbd_log_likelihood Float64,
    p                    Nullable(Float64),
    q                    Nullable(Float64),
    v                    Nullable(Float64),
    gg_log_likelihood    Nullable(Float64),
    fit_ms               UInt64
)
ENGINE = ReplacingMergeTree(fit_version)
ORDER BY (tenant, fit_version);
