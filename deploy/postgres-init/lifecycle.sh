#!/bin/sh
# Run once by the postgres image on a fresh volume (/docker-entrypoint-initdb.d): the app's database beside Temporal's,
# in the C locale, which Lifecycle requires (text compared and lower-cased as SQLite does; it refuses any other).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -c "CREATE DATABASE lifecycle TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'"
