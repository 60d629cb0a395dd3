# Reads the .trx files of a test run (vstest's TRX logger) and prints each skipped test with the
# reason it was skipped, then one line over every file: "N passed, N failed, N skipped".
# Used by scripts/test.sh (make test); tested by tb/Zfpe.Flow.Tests/TestSummaryScriptTests.cs.
function unescape(s) {
  gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&amp;/, "\\&", s)
  return s
}
function attribute(line, key,    v) {
  v = line; if (!sub(".*[ \t]" key "=\"", "", v)) return 0; sub(/".*/, "", v); return v + 0
}
/<UnitTestResult / {
  name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
  skipped = ($0 ~ /outcome="NotExecuted"/)
}
skipped && /<Message>/ {
  reason = $0; sub(/.*<Message>/, "", reason); sub(/<\/Message>.*/, "", reason)
  lines[++count] = "skipped: " unescape(name) ": " unescape(reason)
  skipped = 0
}
/<Counters / {
  passed += attribute($0, "passed")
  failed += attribute($0, "failed") + attribute($0, "error") + attribute($0, "timeout") + attribute($0, "aborted")
  notrun += attribute($0, "total") - attribute($0, "executed")
}
END {
  for (i = 1; i <= count; i++) print lines[i]
  printf "%d passed, %d failed, %d skipped\n", passed, failed, notrun
}
