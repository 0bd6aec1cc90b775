-- The analytics database. The migrator also creates it before recording anything,
-- so this file documents the name and keeps the version numbering honest.
CREATE DATABASE IF NOT EXISTS ringstream;
