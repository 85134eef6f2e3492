import Testing

/// Every suite that runs a PostgreSQL server, and the programs around it, one test at a time. Their tests block
/// threads (waiting for psql, pg_ctl and chanstat processes); run in parallel they could hold the whole
/// two-thread cooperative pool, and the suite's timing-sensitive async tests (HTTP faults) would starve.
@Suite(.serialized) enum PostgresServerTests {}
