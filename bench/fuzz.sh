#!/usr/bin/env bash
# The open-ended fuzz run of every Java audio reader (ReaderFuzzTest), beyond the bounded,
# fixed-seed run that ./test.sh makes: a fresh random seed each time and a time limit instead of an
# execution count. Any crash lands under
# signoff-audio/src/test/resources/dev/signoff/audio/ReaderFuzzTestInputs/anyBytesDecodeOrFailPlainly/
# as crash-<sha1>: fix it, rename it after what it shows, and commit it, so every later run replays it.
#
#   bench/fuzz.sh [SECONDS]      (default 1800)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-1800}
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
echo "fuzzing the readers for ${seconds} s from seed ${seed}" >&2
mvn -o -q -B -pl signoff-audio -am install -DskipTests
# -runs=-1 lifts the test's execution bound; libFuzzer takes the last of repeated flags.
exec mvn -B -ntp -pl signoff-audio test -Dtest=ReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.seed="$seed" -Djazzer.internal.arg.2=-runs=-1 -Djazzer.internal.arg.3=-max_total_time="$seconds" \
  -Djazzer.max_duration="$((seconds + 60))s"
