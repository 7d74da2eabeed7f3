#!/usr/bin/env bash
# Installs Fristad's .deb on a fresh Debian 12 (a minimal debootstrap, nothing of this machine's
# packages) and runs the end-to-end test `package` against the program installed there: the
# window is the installed /usr/bin/fristad, started in that Debian through chroot, drawn on the
# test session's display.
#
#   scripts/test-deb-on-fresh-debian.sh DEB
#
# Run inside scripts/with-desktop-session.sh, as root (debootstrap, chroot and mounts need it).
# The mounts live in a private mount namespace and vanish with it. The fresh Debian is made anew
# each time (about 30 s) in target/tools/fresh-debian; FRISTAD_DEBIAN_MIRROR picks the mirror.
set -euo pipefail
cd "$(dirname "$0")/.."
deb="$(realpath "$1")"
if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env "$0" "$@"
fi
mirror="${FRISTAD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root="$PWD/target/tools/fresh-debian"
log="$PWD/target/tools/fresh-debian.log"

if [ -z "${FRISTAD_IN_MOUNT_NAMESPACE:-}" ]; then
  export FRISTAD_IN_MOUNT_NAMESPACE=1
  exec unshare --mount --propagation private -- "$0" "$@"
fi

rm -rf "$root"
mkdir -p "$root"
echo "Making a fresh Debian 12 in $root (log: $log)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log" 2>&1 || { tail -20 "$log"; exit 1; }
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
cp "$deb" "$root/root/fristad.deb"
echo "Installing $(basename "$deb") there with apt, its dependencies from Debian"
chroot "$root" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends /root/fristad.deb' >>"$log" 2>&1 || { tail -20 "$log"; exit 1; }

# The test session's display, D-Bus and keyring sockets and the tests' temporary folders are in
# /tmp: the installed program sees the same /tmp, so paths mean the same inside and out.
mount --rbind /tmp "$root/tmp"

# What the tests start as `fristad`: the installed one, inside the fresh Debian.
bin="$PWD/target/tools/fresh-debian-bin"
mkdir -p "$bin"
cat >"$bin/fristad" <<EOF
#!/bin/sh
exec chroot "$root" /usr/bin/fristad "\$@"
EOF
chmod +x "$bin/fristad"

FRISTAD_DEBIAN_ROOT="$root" FRISTAD_BIN_DIR="$bin" \
  cargo test -p fristad-tests --test package -- --test-threads=1
