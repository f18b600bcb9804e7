#!/usr/bin/env bash
# Builds target/package/Muntada-VERSION-x86_64.AppImage from the release binary, without
# linuxdeploy or appimagetool (both are downloads from GitHub, which this project cannot reach):
#   1. lay out an AppDir: AppRun, the desktop entry, the icon, usr/bin, usr/share;
#   2. pack it into a SquashFS image with mksquashfs (Debian's squashfs-tools);
#   3. prepend the AppImage type-2 runtime, which the crates.io crate `appimage` ships as a file
#      (assets/runtime-x86_64); cargo fetches that crate and the checksum below pins the runtime.
# The AppImage holds Muntada only: it uses the WebKitGTK 4.1 of the system it runs on (AppRun
# says so when it is missing), which keeps it small. See the README, "Packaging".
#
# Usage: packaging/appimage.sh VERSION          (run from anywhere; writes to target/package/)
# Exit status 3 means "cannot be built on this machine" (the reason is printed): not x86_64, or
# no mksquashfs. Any other failure is an error.
set -euo pipefail

version=${1:?usage: packaging/appimage.sh VERSION}
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/target/package
binary=$root/target/release/muntada-desktop

# AppImageKit's runtime (MIT; squashfuse and xz linked in, libfuse.so.2 loaded at run time),
# as shipped in appimage 0.4.0 on crates.io.
RUNTIME_CRATE=appimage@0.4.0
RUNTIME_SHA256=328e0d745c5c6817048c27bc3e8314871703f8f47ffa81a37cb06cd95a94b323

skip() {
  echo "AppImage skipped: $*" >&2
  exit 3
}

[ "$(uname -m)" = x86_64 ] || skip "the runtime shipped on crates.io is for x86_64 only (this is $(uname -m))."
command -v mksquashfs >/dev/null || skip "mksquashfs is missing (Debian package squashfs-tools)."
[ -x "$binary" ] || { echo "no release binary at $binary: run 'make package'" >&2; exit 1; }

# The runtime: cargo downloads the crate into its registry cache (`cargo info` fetches the one
# crate, none of its dependencies), and we take the file from there.
find_runtime() {
  local cargo_home=${CARGO_HOME:-$HOME/.cargo}
  compgen -G "$cargo_home/registry/src/*/appimage-0.4.0/assets/runtime-x86_64" | head -n 1 || true
}
runtime=$(find_runtime)
if [ -z "$runtime" ]; then
  cargo info "$RUNTIME_CRATE" >/dev/null 2>&1 || true
  runtime=$(find_runtime)
fi
[ -n "$runtime" ] || { echo "could not fetch the AppImage runtime: 'cargo info $RUNTIME_CRATE' failed" >&2; exit 1; }
actual=$(sha256sum "$runtime" | cut -d' ' -f1)
if [ "$actual" != "$RUNTIME_SHA256" ]; then
  echo "the AppImage runtime in $runtime has sha256 $actual, expected $RUNTIME_SHA256" >&2
  exit 1
fi

appdir=$out/Muntada.AppDir
rm -rf "$appdir"
mkdir -p "$appdir"
install -Dm755 "$binary" "$appdir/usr/bin/muntada-desktop"
install -Dm644 "$root/packaging/muntada.desktop" "$appdir/usr/share/applications/muntada.desktop"
install -Dm644 "$root/packaging/muntada.xml" "$appdir/usr/share/mime/packages/muntada.xml"
for size in 32 128 256; do
  install -Dm644 "$root/assets/icons/${size}x${size}.png" "$appdir/usr/share/icons/hicolor/${size}x${size}/apps/muntada.png"
done
install -Dm644 "$root/assets/icons/icon.png" "$appdir/usr/share/icons/hicolor/512x512/apps/muntada.png"
if [ -d "$out/doc" ]; then
  mkdir -p "$appdir/usr/share/doc/muntada"
  cp -R "$out/doc/." "$appdir/usr/share/doc/muntada/"
fi
# What the AppImage specification asks for at the top: the desktop entry, the icon, .DirIcon.
cp "$root/packaging/muntada.desktop" "$appdir/muntada.desktop"
echo "X-AppImage-Version=$version" >>"$appdir/muntada.desktop"
cp "$root/assets/icons/256x256.png" "$appdir/muntada.png"
ln -s muntada.png "$appdir/.DirIcon"
install -m755 "$root/packaging/AppRun" "$appdir/AppRun"

image=$out/Muntada-$version-x86_64.AppImage
squashfs=$out/Muntada.squashfs
rm -f "$squashfs" "$image"
# xz with the x86 filter: the smallest image this runtime can read.
mksquashfs "$appdir" "$squashfs" -root-owned -noappend -quiet -comp xz -Xbcj x86 >/dev/null
cat "$runtime" "$squashfs" >"$image"
chmod 755 "$image"
rm -f "$squashfs"
echo "$image"
