# Sourced by the bench scripts that need a signed feed on loopback (sync.sh, ui.sh, update.sh,
# bundle.sh). Expects PEERLIB (the release `peerlib`) and `work` (a scratch folder holding the
# sources in work/src), which bench_workspace makes.
#   bench_workspace: a scratch folder in `work`, removed (and the server stopped) on exit
#   bench_publish: a key pair in work/k, work/k.pub, and the feed published into work/out
#   bench_serve:   work/out served on 127.0.0.1 (its pid in `server`, its address in `addr`),
#                  and a network file trusting the key, exported as PEERLIB_NETWORK
#   bench_window_binaries PROFILE: the app and the minimal Tauri window built (debug or release),
#                  exported as APP_BINARY and MINIMAL_BINARY, and the release `peerlib` as PEERLIB

bench_workspace() {
  work=$(mktemp -d)
  trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
}

bench_publish() {
  "$PEERLIB" keygen --secret-key "$work/k" --public-key "$work/k.pub" >/dev/null
  "$PEERLIB" publish "$work/src" "$work/out" --secret-key "$work/k" >/dev/null
}

bench_serve() {
  "$PEERLIB" serve "$work/out" --addr 127.0.0.1:0 >"$work/serve.log" &
  server=$!
  for _ in $(seq 50); do grep -q http:// "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
  addr=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)
  local key id
  key=$(sed -n 2p "$work/k.pub")
  id=$(python3 -c "import base64,sys; r=base64.b64decode(sys.argv[1]); print(r[2:10][::-1].hex().upper())" "$key")
  printf 'name = "Bench"\nfeed_url = "%s/"\n[[keys]]\nid = "%s"\npublic_key = "%s"\ncomment = "bench"\n' "$addr" "$id" "$key" >"$work/network.toml"
  export PEERLIB_NETWORK="$work/network.toml"
}

bench_window_binaries() {
  make -s ui >/dev/null
  if [ "$1" = release ]; then
    cargo build -q --release -p peer-library --bin peer-library --example minimal_window
  else
    make -s app >/dev/null
    cargo build -q --example minimal_window
  fi
  cargo build --release -q -p peerlib-cli
  PEERLIB="$CARGO_TARGET_DIR/release/peerlib"
  export APP_BINARY="$CARGO_TARGET_DIR/$1/peer-library"
  export MINIMAL_BINARY="$CARGO_TARGET_DIR/$1/examples/minimal_window"
}
