#!/bin/bash
# Runs once when InfluxDB 2.x initialises: maps the InfluxQL database/retention policy
# citywatch/autogen onto the bucket, so InfluxQL clients (Grafana's InfluxQL data source) work.
set -euo pipefail
bucket_id="$(influx bucket list --org "$DOCKER_INFLUXDB_INIT_ORG" --name "$DOCKER_INFLUXDB_INIT_BUCKET" \
  --token "$DOCKER_INFLUXDB_INIT_ADMIN_TOKEN" --hide-headers | cut -f1)"
influx v1 dbrp create --org "$DOCKER_INFLUXDB_INIT_ORG" --token "$DOCKER_INFLUXDB_INIT_ADMIN_TOKEN" \
  --db "$DOCKER_INFLUXDB_INIT_BUCKET" --rp autogen --bucket-id "$bucket_id" --default
