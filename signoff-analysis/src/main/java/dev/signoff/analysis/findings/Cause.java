package dev.signoff.analysis.findings;

/**
 * What in the mix a finding is about, so that the rules that see one defect from different sides
 * (a widener seen as width and as mono loss; a 3 kHz boost seen as a presence build-up and as a
 * snare that jumps out) give the engineer one finding for it. Rules name causes; they need not
 * know of each other.
 *
 * @param id   names the cause; findings with equal ids share it ("side excess in the 120 Hz-500 Hz band")
 * @param root the code that names the root cause: the merged finding's code when a finding of
 *             that code is among those merged
 */
record Cause(String id, FindingCode root) {
}
