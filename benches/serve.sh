#!/usr/bin/env bash
# Issue 4: the manifest's 304 path of `peerlib serve` against nginx serving the same file on this
# machine, measured with the same load tool (wrk, 2 threads, 32 connections, 10 s) in the same
# run. Each server is sent its own ETag, so every answer is a 304. Loopback only.
#   bash benches/serve.sh        (needs Debian's nginx-light and wrk: make deps does not install them)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/peer-library/target}
cargo build --release -q -p peerlib-cli
PEERLIB="$CARGO_TARGET_DIR/release/peerlib"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
"$PEERLIB" keygen --secret-key "$work/k" --public-key "$work/k.pub" >/dev/null
"$PEERLIB" publish resources/starter "$work/site" --secret-key "$work/k" >/dev/null
# nginx's workers run as an unprivileged user: let them read the site (mktemp makes it 0700).
chmod 755 "$work" && chmod -R a+rX "$work/site"

"$PEERLIB" serve "$work/site" --addr 127.0.0.1:0 > "$work/serve.out" &
pids+=($!)
for _ in $(seq 50); do grep -q http "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
ours=$(grep -o 'http://[0-9.:]*/' "$work/serve.out")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  server { listen 127.0.0.1:$port; root $work/site; etag on; }
}
CONF
nginx -c "$work/nginx.conf" &
pids+=($!)
sleep 0.5
theirs="http://127.0.0.1:$port/"

rate() {  # url -> requests/s of 304s
  local etag
  etag=$(curl -sI "$1manifest.json" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$1manifest.json")" = 304 ] || { echo "no 304 from $1" >&2; exit 1; }
  wrk -t2 -c32 -d10s -H "If-None-Match: $etag" "$1manifest.json" | awk '/Requests\/sec/{print $2}'
}
r_ours=$(rate "$ours"); r_nginx=$(rate "$theirs")
printf '| manifest 304s per second | %.0f req/s | nginx %.0f req/s | %.2fx nginx | ≥ 0.5x |\n' "$r_ours" "$r_nginx" "$(echo "$r_ours / $r_nginx" | bc -l)"
