#!/usr/bin/env bash
# Builds the Debian package with jpackage from the release archive (built first if missing):
# /opt/signoff with its own Java runtime, /usr/bin/signoff and the man pages and completion linked
# in by postinst. Usage: packaging/deb.sh [OUT-DIR] (default signoff-cli/target).
# Needs a JDK 17+ with jpackage, fakeroot, dpkg-deb and objcopy (binutils).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/signoff-cli/target}"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
archive="$root/signoff-cli/target/signoff-$version.tar.gz"
[ -f "$archive" ] || (cd "$root" && mvn -q -B -ntp -DskipTests package)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar xzf "$archive" -C "$work"
# The package's version must start with a digit and hold no '-': 0.1.0-SNAPSHOT becomes 0.1.0~snapshot.
deb_version="$(echo "$version" | tr 'A-Z-' 'a-z~')"
mkdir -p "$out"
# The runtime holds only the modules the jar uses: `jdeps --print-module-deps --ignore-missing-deps
# --multi-release 17 signoff-cli/target/signoff.jar` (run it again when a dependency changes), plus
# those reached by service lookup: elliptic-curve TLS (PostgreSQL over SSL, SMTP with STARTTLS) and
# the extra charsets: 114 MB unpacked (32 of them the jar) instead of 171 MB with every module.
modules=java.base,java.desktop,java.instrument,java.management,java.naming,java.rmi,java.security.jgss,java.sql,jdk.jfr,jdk.unsupported
modules+=,jdk.crypto.ec,jdk.charsets
# jpackage's default jlink options strip bin/java, which bin/signoff (linked as /usr/bin/signoff) runs;
# the base class-data archive lets the launcher add its own on top.
# gzip: xz takes minutes of CPU over the runtime, for a file about a third smaller.
export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
jpackage --type deb --dest "$out" \
  --name signoff --app-version "$deb_version" \
  --description "Finishing checks, translation and review for mix engineers" \
  --vendor "Signoff" --linux-deb-maintainer "signoff@localhost" --linux-app-category sound \
  --input "$work/signoff-$version" --main-jar lib/signoff.jar --main-class dev.signoff.cli.Main \
  --java-options "-XX:+UseSerialGC -Xms64m -Xmx512m -XX:-UsePerfData" \
  --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files --generate-cds-archive" --resource-dir "$root/packaging/deb"
ls "$out"/signoff_*.deb
