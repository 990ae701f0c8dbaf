import groovy.json.JsonSlurper
import java.security.MessageDigest
import javax.imageio.ImageIO

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/factory')
def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

// the lifecycle ran every goal in order, with no <executions> in the pom
def order = ['stitch', 'bake', 'test', 'sbom', 'record', 'report'].collect { log.indexOf("--- factory:${pluginVersion}:${it} (default-${it})".toString()) }
assert order.every { it > 0 } && order == order.sort(false) : "goals out of order or missing: ${order}"
// failures waited for the report, which failed the build with one summary
assert log.count('Going on so that every variant is tested and recorded') == 2
assert log.contains('2 variant(s) of this build did not pass')
assert log =~ /shop-broken\s+linux\/amd64\s+error/ && log =~ /shop-salut\s+linux\/amd64\s+fail/
// ... each with why: its record's first note, on one line
assert log =~ /\[ERROR\]   shop-salut\s+linux\/amd64\s+fail   1 test\(s\) failed; see the evidence\./
def why = log =~ /\[ERROR\]   shop-broken\s+linux\/amd64\s+error  (not built: [^\n]+)/
assert why.find() && why.group(1).length() <= 80 : 'the summary does not say why shop-broken did not pass'
// factory:test said the unbuilt image once, in one line, and counted it apart from the tests that ran
def first = log.substring(0, log.indexOf('report (default-cli)'))
assert first.count('shop-broken linux/amd64 has no image (its bake failed, see the bake table above)') == 1
assert first =~ /\[ERROR\] 1 of \d+ smoke test\(s\) failed:/ && first.contains('[ERROR] 1 of 3 image(s) could not be tested: not built:')
assert !first.contains('Build shop-broken has no image') : 'the bake error reached the console again'

// one record per variant, each agreeing with the image, the smoke run and the SBOM
def records = new File(basedir, 'records/shop').listFiles().findAll { it.name.endsWith('.json') && it.name != 'broken.json' }
assert records.size() == 3 : records*.name
def byBuild = records.collectEntries { f -> def r = new JsonSlurper().parse(f); [(r.build): r] }
assert byBuild.collectEntries { k, v -> [(k): v.status] } == ['shop-hello': 'pass', 'shop-salut': 'fail', 'shop-broken': 'error']
byBuild.each { build, r ->
    assert r.schema == 'factory.record/v1' && r.manifest_id == 'shop'
    def stitch = new JsonSlurper().parse(new File(out, "builds/${build}/stitch.json"))
    assert r.manifest_digest == "sha256:${stitch.manifest.sha256}"
    assert r.fragments*.name == ['greeter']
    if (r.status != 'error') {
        def image = new JsonSlurper().parse(new File(out, "builds/${build}/image.json"))
        assert r.image.digest == image.platforms[0].digest
        def sbomFile = new File(out, "builds/${build}/sbom.cdx.json")
        assert r.sbom.sha256 == sha256(sbomFile)
        assert new JsonSlurper().parse(sbomFile).metadata.component.version == image.platforms[0].digest
        assert r.evidence.sha256 == sha256(new File(out, "builds/${build}/evidence.log"))
        def smoke = new JsonSlurper().parse(new File(out, "builds/${build}/smoke.json"))
        assert r.tests.total == smoke.tests.total
        assert r.run == smoke.run
    }
}
assert byBuild['shop-salut'].tests.failed == 1
assert byBuild['shop-broken'].image.digest == null

// pushed images carry their records as referrers; the second invocation read them back from the registry
assert log.contains('Pushed record shop-hello (linux/amd64) to localhost:5000/it/evidence as referrer')
def second = log.substring(log.indexOf('report (default-cli)'))
// (the images are reproducible, so reruns of this IT find the records of earlier runs too)
def fromRegistry = second =~ /Compatibility records: read (\d+) records/
assert fromRegistry.find() && (fromRegistry.group(1) as int) >= 2 : 'the pushed records were not read back from the registry'

// invocation 3 (-DskipITs): the bake failure is not deferred to a report that would not say it
def third = log.substring(log.lastIndexOf("factory:${pluginVersion}:bake (default-bake)"))
assert third.contains("Failed to execute goal dev.factory:factory-maven-plugin:${pluginVersion}:bake (default-bake)")
assert !third.contains('Going on so that every variant') && !third.contains(':test (default-test)')
assert !(log =~ /(?m)^\s+at dev\.factory/) : 'a stack trace reached the user'

// a corrupt record is named and skipped, the rest counted
assert log.contains('Compatibility records: read 3 records, skipped 1: records/shop/broken.json (not JSON:')

// GitHub Actions: one annotation per failing variant, the matrix in the step summary
assert (log.substring(0, log.indexOf('report (default-cli)')) =~ /(?m)^::error title=Factory%3A shop/).size() == 2
def summary = new File(basedir, 'target/step-summary.md').text
assert summary.contains('| salut | ❌ fail') && summary.contains('| hello | ✅ pass')

// the HTML page, rendered by a real browser: the right size, not blank, with green and red cells
def html = new File(out, 'compatibility.html')
def md = new File(out, 'compatibility.md').text
assert summary.contains('| broken | ⚠️ error') && md.contains('| salut | ❌ fail')
def browser = ['chromium', 'google-chrome', 'chromium-browser'].find { b ->
    System.getenv('PATH').split(':').any { new File(it, b).canExecute() } }
assert browser : 'no headless browser (chromium) on the PATH: .ci/run installs Debian\'s chromium for this check'
def png = new File(basedir, 'target/compatibility.png')
def profile = File.createTempDir()
def p = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', "--user-data-dir=${profile}", '--hide-scrollbars',
         "--screenshot=${png}", '--window-size=1400,900', html.toURI().toString()].collect { it.toString() }.execute()
p.waitForProcessOutput(new StringBuilder(), new StringBuilder())
profile.deleteDir()
assert png.isFile() : 'the browser wrote no screenshot'
def img = ImageIO.read(png)
assert img.width == 1400 && img.height == 900
def colours = [] as Set
int pass = 0, fail = 0
def near = { int rgb, int r, int g, int b -> Math.abs(((rgb >> 16) & 255) - r) <= 6 && Math.abs(((rgb >> 8) & 255) - g) <= 6 && Math.abs((rgb & 255) - b) <= 6 }
for (int y = 0; y < img.height; y += 2) {
    for (int x = 0; x < img.width; x += 2) {
        int rgb = img.getRGB(x, y) & 0xffffff
        colours << rgb
        if (near(rgb, 218, 251, 225)) pass++
        if (near(rgb, 255, 235, 233)) fail++
    }
}
assert colours.size() > 50 : "the page looks blank (${colours.size()} colours)"
assert pass > 500 : "no green pass cell on the page (${pass} sampled pixels)"
assert fail > 125 : "no red fail cell on the page (${fail} sampled pixels)"
true
