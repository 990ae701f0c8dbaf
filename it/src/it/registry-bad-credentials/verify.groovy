// first of all, neither the registry nor the proxy may outlive the IT
evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy')).stop(basedir)
def proxyLog = evaluate(new File(basedir, '../../../src/it/_lib/Tinyproxy.groovy')).stop(basedir)
def proxy = "127.0.0.1:${new File(basedir, 'target/proxy/port').text.trim()}"
def registry = "127.0.0.1:${new File(basedir, 'target/registry/port').text.trim()}"
def log = new File(basedir, 'build.log').text

def refused = { String action, String repository ->
    "The registry ${registry} refused to let Factory ${action} ${repository} (HTTP 401); Factory used the credentials of " +
            "user 'factory' from the <server> with id '${registry}' in Maven's settings.xml. Correct the username and " +
            "password of the <server> with id '${registry}' in Maven's settings.xml (an encrypted password also needs the " +
            "right master password in settings-security.xml) as a user allowed to ${action} that repository, then run again."
}
def failed = { String goal -> "[ERROR] Failed to execute goal dev.factory:factory-maven-plugin:${pluginVersion}:${goal} (default-cli) on project registry-bad-credentials: " }

def report = log.indexOf(':report (default-cli) @ registry-bad-credentials')
def merge = log.indexOf(':merge (default-cli) @ registry-bad-credentials')
def throughProxy = log.indexOf(':report (default-cli) @ registry-bad-credentials', merge)
def wrongProxyPassword = log.lastIndexOf(':report (default-cli) @ registry-bad-credentials')
assert report > 0 && merge > report && throughProxy > merge && wrongProxyPassword > throughProxy
def reportLog = log.substring(report, merge)
def mergeLog = log.substring(merge, throughProxy)
def proxyStepLog = log.substring(throughProxy, wrongProxyPassword)
def wrongProxyLog = log.substring(wrongProxyPassword)
assert reportLog.contains(failed('report') + refused('pull from', 'registry-its/refused') + ' -> [Help 1]\n')
assert mergeLog.contains(failed('merge') + refused('pull from', 'registry-its/refused') + ' -> [Help 1]\n')
// the proxy wants credentials (407) and settings.xml gives it none: said so, naming the proxy and where to fix it
assert proxyStepLog.contains(failed('report') + "The <proxy> 'its-proxy' (${proxy}) of Maven's settings.xml refused to " +
        "forward Factory's requests to the registry ${registry} (HTTP 407 Proxy Authentication Required): that <proxy> " +
        "has no username and password. Add them in settings.xml, then run again. -> [Help 1]\n")
// tinyproxy answers a wrong proxy password with 401, as a registry would: the message names the proxy as a suspect too
assert wrongProxyLog.contains(failed('report') + "The registry ${registry} refused to let Factory pull from registry-its/refused " +
        "(HTTP 401); Factory used the credentials of user 'factory' from the <server> with id '${registry}' in Maven's " +
        "settings.xml. Correct the username and password of the <server> with id '${registry}' in Maven's settings.xml (an " +
        "encrypted password also needs the right master password in settings-security.xml) as a user allowed to pull from " +
        "that repository, then run again. The requests went through the <proxy> 'its-proxy' (${proxy}) of Maven's " +
        "settings.xml, which may be the one refusing: a proxy that answers a wrong password with 401 instead of 407 (as " +
        "tinyproxy does) looks the same. Check that <proxy>'s username and password as well. -> [Help 1]\n")
assert proxyLog =~ /Request \(file descriptor \d+\): GET http:\/\/\Q${registry}\E\/v2\/registry-its\/refused\// : 'the request did not reach the proxy'

// nothing written by the failed reports
assert !new File(basedir, 'target/factory/compatibility.md').exists()

// fails at once: each failing build takes less than 5 s more than the stitch before it (Maven's start and plugin
// loading, which the machine's load stretches, are in every "Total time")
def times = (log =~ /Total time:\s+([0-9.]+) s/).collect { it[1] as double }
assert times.size() == 5 && times[1..4].every { it - times[0] < 5 } : "took ${times} s"

// no password anywhere: neither the wrong one tried, nor the right one, nor their encrypted forms, nor the master
['Wr0ng-s3cret-for-factory', 'Reg1stry-s3cret-for-factory', 'Pr0xy-s3cret-for-factory',
 'AGnhpCm63JcHCHAnvsSnqPewuSVdVh7BihVV8mJyjTpWK1FZLKIRUJOT/bskgXqZ', 'rPepHZrJm4QHZqKCAyrraelfUb4tLC0nRk8dYX4JgOB8PXUvoPp0DcO9zOzvCIAj',
 'factory-it-master'].each {
    assert !log.contains(it) : "build.log shows a secret (${it.take(4)}...)"
}
assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
assert !(log =~ /Execution \S+ of goal \S+ failed/) : 'an unexpected exception escaped the plugin'
true
