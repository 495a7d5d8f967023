#!/usr/bin/env bash
# Rate control check for `loglake produce`: for each rate, produce to stdout for 10 s and compare
# the records counted with rate x 10 s. Prints one line per rate and fails if one is off by > 10 %.
#   bench/produce-rate.sh            # rates 5 50 500 5000
#   bench/produce-rate.sh 20 200     # chosen rates
set -euo pipefail
cd "$(dirname "$0")/.."
rates=("$@")
[ ${#rates[@]} -eq 0 ] && rates=(5 50 500 5000)
seconds=10
status=0
printf '%8s %10s %10s %8s\n' rate expected counted error
for rate in "${rates[@]}"; do
  counted=$(scripts/loglake produce --sink stdout --rate "$rate" --duration "${seconds}s" 2>/dev/null | wc -l)
  expected=$(( rate * seconds ))
  error=$(awk -v c="$counted" -v e="$expected" 'BEGIN { printf "%.1f%%", (c - e) * 100 / e }')
  printf '%8s %10s %10s %8s\n' "$rate" "$expected" "$counted" "$error"
  awk -v c="$counted" -v e="$expected" 'BEGIN { exit !(c >= e * 0.9 && c <= e * 1.1) }' || status=1
done
exit $status
