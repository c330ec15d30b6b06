#!/bin/sh
# A clean Debian 12 root for the installer test (tests/dist/installed.test.mjs), made once with
# debootstrap from the Debian package registry and kept outside the clone (make test-dist passes
# ~/.cache/peer-library/debian-12-root), so a second run copies it in seconds. Nothing of the
# project is in it: each run copies it and installs the .deb into the copy.
set -eu
root=$1
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ -f "$root/.complete" ] && exit 0
rm -rf "$root.part"
mkdir -p "$(dirname "$root")"
debootstrap --variant=minbase bookworm "$root.part" "$mirror"
# The suites a stock Debian 12 follows.
cat > "$root.part/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
SOURCES
chroot "$root.part" apt-get update -q
chroot "$root.part" apt-get clean
touch "$root.part/.complete"
mv "$root.part" "$root"
