# The first of the real-Kafka tests: Apache Kafka from Maven Central by
# coordinates (tests/kafka/pom.xml, one profile a line), into the build
# tree's $KAFKA_LIBDIR/<line>/ (Maven caches the jars in ~/.m2), and
# tests/kafka/KTool.java compiled against the 3.9 line's kafka-clients.
# The other tests/kafka/ tests depend on this one (tests/Makefile.am).
# Without mvn or javac it skips, but under CI=true it fails.

. "${srcdir:-.}/lib.sh"
. "${srcdir:-.}/kafka/kafka.sh"

for tool in mvn javac java; do
	command -v $tool >/dev/null 2>&1 ||
	    kafka_unavailable "$tool not found (Debian: maven, openjdk-17-jdk-headless)"
done
mkdir -p "$KAFKA_LIBDIR" || exit 1
for line in 3.9 2.8 4; do
	d=$KAFKA_LIBDIR/$line
	[ -r "$d/.complete" ] && continue
	step "fetch Kafka $line from Maven Central"
	rm -rf "$d"
	if ! mvn -q -B -f "${srcdir:-.}/kafka/pom.xml" -P"kafka-$line" \
	    dependency:copy-dependencies -DincludeScope=runtime \
	    -DoutputDirectory="$d" >"$T/mvn.log" 2>&1; then
		cat "$T/mvn.log"
		# Nothing to fetch from: a skip outside CI, like a missing jar.
		kafka_unavailable "mvn could not fetch Kafka $line"
	fi
	ls "$d"/kafka_2.13-*.jar >/dev/null 2>&1 || fail "no kafka_2.13 jar in $d"
	touch "$d/.complete"
	ok
done
step "compile KTool"
rm -rf "$KAFKA_LIBDIR/classes"
mkdir -p "$KAFKA_LIBDIR/classes"
javac -nowarn -d "$KAFKA_LIBDIR/classes" -cp "$KAFKA_LIBDIR/3.9/*" \
    "${srcdir:-.}/kafka/KTool.java" || fail "javac KTool.java"
cat >"$KAFKA_LIBDIR/classes/log4j.properties" <<EOT
log4j.rootLogger=WARN, E
log4j.appender.E=org.apache.log4j.ConsoleAppender
log4j.appender.E.Target=System.err
log4j.appender.E.layout=org.apache.log4j.PatternLayout
log4j.appender.E.layout.ConversionPattern=ktool: %p %m%n
log4j.logger.org.apache.kafka=OFF
EOT
cat >"$KAFKA_LIBDIR/classes/log4j2.properties" <<EOT
rootLogger.level = WARN
rootLogger.appenderRef.e.ref = E
appender.e.type = Console
appender.e.name = E
appender.e.target = SYSTEM_ERR
appender.e.layout.type = PatternLayout
appender.e.layout.pattern = tool: %p %m%n
EOT
ok
step
finish
