#!/usr/bin/env bash
# Installs Signoff as a user would and runs it: the release archive unpacked into a temporary
# folder, then (as root) the Debian package through dpkg, removed again at the end. Needs the
# archive from `mvn package`; builds the .deb with packaging/deb.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
archive="$root/signoff-cli/target/signoff-$version.tar.gz"
[ -f "$archive" ] || { echo "smoke test: no $archive (run mvn package first)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "smoke test: $*" >&2; exit 1; }

# Runs `signoff` ($1) as an installed user would: --version, then a check of a generated song.
exercise() {
  local signoff="$1" rc=0
  "$signoff" --version | head -1 | grep -Eq "^signoff $version( \(commit [0-9a-f]+(-dirty)?\))?$" \
    || fail "$signoff --version does not say $version"
  "$signoff" synth --seconds 20 "$work/song.wav" >/dev/null
  "$signoff" check "$work/song.wav" >"$work/report.txt" || rc=$?
  [ "$rc" -le 1 ] || fail "$signoff check exited $rc"
  grep -q "song.wav" "$work/report.txt" || fail "$signoff check printed no report"
  rm -f "$work/song.wav"
}

# The archive: only a Java runtime, no Maven, no source tree next to it.
tar xzf "$archive" -C "$work"
prefix="$work/signoff-$version"
exercise "$prefix/bin/signoff"
[ -f "$prefix/share/man/man1/signoff-check.1" ] || fail "no man page for check in the archive"
bash -c "source '$prefix/share/bash-completion/completions/signoff' && complete -p signoff" >/dev/null \
  || fail "the bash completion script registers no completion for signoff"
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$prefix/share/man/man1/signoff.1" 2>&1 | grep -q "signoff check" || fail "signoff.1 does not render"
fi
# The SQLite driver may load its native library without JDK 24+'s warning on every `serve`.
mkdir "$work/manifest" && (cd "$work/manifest" && jar xf "$prefix/lib/signoff.jar" META-INF/MANIFEST.MF)
grep -q '^Enable-Native-Access: ALL-UNNAMED' "$work/manifest/META-INF/MANIFEST.MF" \
  || fail "the jar's manifest does not enable native access (serve warns on JDK 24+)"
# The README's links to docs/ resolve beside the README the archive ships.
for doc in $(grep -o '(docs/[a-z0-9-]*\.md' "$prefix/share/doc/signoff/README.md" | cut -c2- | sort -u); do
  [ -f "$prefix/share/doc/signoff/$doc" ] || fail "the README links $doc, which the archive lacks"
done
echo "smoke test: release archive $(basename "$archive") ok"

# The Debian package, installed and removed as root.
if [ "$(id -u)" -ne 0 ]; then
  echo "smoke test: not root, the Debian package is not installed"
  echo "smoke: 1 passed, 0 failed, 1 skipped"
  exit 0
fi
"$root/packaging/deb.sh" "$work/deb" >/dev/null
deb="$(ls "$work"/deb/signoff_*.deb)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
[ -x /opt/signoff/lib/runtime/bin/java ] || fail "the package brings no Java runtime"
exercise /usr/bin/signoff
[ -e /usr/share/man/man1/signoff-check.1 ] || fail "the package installs no man page"
dpkg --purge signoff >/dev/null
[ ! -e /usr/bin/signoff ] && [ ! -e /opt/signoff ] || fail "dpkg --purge left signoff behind"
echo "smoke test: Debian package $(basename "$deb") installed, run and removed ok"
echo "smoke: 2 passed, 0 failed"
