// Only the arm64 push was refused: factory:publish failed naming that image and the registry's answer; the amd64
// image is in the registry, and no multi-arch tag was made of a half-pushed build.
import groovy.json.JsonSlurper
def registry = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy'))
def proxy = evaluate(new File(basedir, '../../../src/it/_lib/RefusingRegistryProxy.groovy'))
try {
    def log = new File(basedir, 'build.log').text
    def backend = new File(basedir, 'target/backend').text.trim()
    assert new File(basedir, 'target/proxy-refused.log').text.contains('PUT /v2/it/half/manifests/latest-linux-arm64') : 'the proxy refused nothing'
    def failure = log =~ /(?s)\[ERROR\] Failed to execute goal dev\.factory:factory-maven-plugin:[^:]+:publish \(default-publish\) on project publish-one-platform-refused: (.*?)\[ERROR\] -> \[Help 1\]/
    assert failure.find() : 'the build did not fail at factory:publish'
    def message = failure.group(1)
    assert message.startsWith('1 of 2 target(s) were built but not pushed: the registry did not take them. The other 1 were built and pushed.') : message
    def port = new File(basedir, 'target/proxy-port').text.trim()
    assert message =~ /half\s+linux\/arm64\s+FAILED: failed to push 127\.0\.0\.1:${port}\/it\/half:latest-linux-arm64: .*PUT request to http:\/\/127\.0\.0\.1:${port}\/v2\/it\/half\/manifests\/latest-linux-arm64: 403 Forbidden/ :
            "the failure does not name the arm64 image and the registry's answer:\n${message}"
    assert message =~ /half\s+linux\/amd64\s+built [0-9a-f]{12}/ : "the amd64 image is not listed as built:\n${message}"
    assert log.contains('Not creating the multi-arch tag of half: a platform failed to build or push.')
    // in the registry: the amd64 image, and no multi-arch tag
    def tags = new JsonSlurper().parse(new URL("http://${backend}/v2/it/half/tags/list")).tags
    assert tags.contains('latest-linux-amd64') && !tags.contains('latest-linux-arm64') && !tags.contains('latest') : "tags: ${tags}"
    assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
} finally {
    proxy.stop(basedir)
    registry.stop(basedir)
}
true
