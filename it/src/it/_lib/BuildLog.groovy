// What verify.groovy scripts of multi-invocation ITs share: build.log cut at each Maven invocation (invoker.goals.N,
// each starts by scanning for projects), and reads of the lab registry. Load it with
//   def buildLog = evaluate(new File(basedir, '../../../src/it/_lib/BuildLog.groovy'))
[
    /** build.log cut into its Maven invocations, in order; fails unless there are count of them. */
    invocations: { File basedir, int count ->
        def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1) as List
        assert runs.size() == count : "expected ${count} Maven invocations, found ${runs.size()}"
        runs
    },
    /** A reader of http://<base><path> with an Accept header (or none) that fails unless HTTP 200; it returns the body. */
    fetcher: { String base ->
        return { String path, String accept ->
            def c = new URL("http://${base}${path}").openConnection()
            if (accept) c.setRequestProperty('Accept', accept)
            assert c.responseCode == 200 : "${path}: HTTP ${c.responseCode}"
            c.inputStream.bytes
        }
    },
]
