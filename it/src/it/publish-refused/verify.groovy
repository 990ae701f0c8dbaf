// Everything passed at verify; the push at deploy was refused for both platforms: factory:publish failed the build
// itself, naming each image and the registry's answer (the report had run at verify: nothing would have said it).
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
try {
    def log = new File(basedir, 'build.log').text
    def host = new File(basedir, 'target/registry/port').text.trim()
    assert log.contains('--- factory:') && log =~ /:report \(default-report\)/ : 'the verify phase did not run'
    def failure = log =~ /(?s)\[ERROR\] Failed to execute goal dev\.factory:factory-maven-plugin:[^:]+:publish \(default-publish\) on project publish-refused: (.*?)\[ERROR\] -> \[Help 1\]/
    assert failure.find() : 'the build did not fail at factory:publish'
    def message = failure.group(1)
    assert message.startsWith('2 of 2 target(s) were built but not pushed: the registry did not take them.') : message
    ['amd64', 'arm64'].each { arch ->
        assert message =~ /refused\s+linux\/${arch}\s+FAILED: failed to push 127\.0\.0\.1:${host}\/it\/refused:latest-linux-${arch}: .*405 Method Not Allowed/ :
                "the failure does not name the ${arch} image and the registry's answer:\n${message}"
    }
    assert message.contains("Hint: The registry 127.0.0.1:${host} did not take 2 push(es): ") && message.contains("Check that you may push there (docker login 127.0.0.1:${host}") : message
    assert !log.contains('Going on so that every variant is tested and recorded') || log.indexOf('Going on so') < log.indexOf(':publish') : 'publish deferred its failure to a report that had already run'
    assert !log.contains('BUILD SUCCESS')
    assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
} finally {
    registry.stop(basedir)
}
true
