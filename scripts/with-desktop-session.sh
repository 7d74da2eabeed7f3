#!/usr/bin/env bash
# Runs a command the way the desktop tests need: inside a private D-Bus session with an
# unlocked gnome-keyring (a real Secret Service), and with a virtual X display (Xvfb).
# Nothing of the user's own session or keyring is touched.
#
#   scripts/with-desktop-session.sh COMMAND [ARGS...]
set -euo pipefail
if [ -z "${FRISTAD_IN_TEST_SESSION:-}" ]; then
  export FRISTAD_IN_TEST_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

tmp="$(mktemp -d)"
cleanup() {
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# A keyring of its own, in a throwaway place.
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'test-session' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID

# A virtual screen the size of a small office laptop; Xvfb picks a free display number.
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.05; done
export DISPLAY=":$(cat "$tmp/display")"
exec 3>&-

"$@"
