// Starts from nothing of an earlier run: the marks, and the step output of factory:matrix.
['target', 'marks'].each { new File(basedir, it).deleteDir() }
new File(basedir, 'marks').mkdirs()
new File(basedir, 'marks/0').text = String.valueOf(System.currentTimeMillis() * 1_000_000L)
// this run's images are its own: a label with this id (the runstamp fragment), so records of earlier runs never vouch
new File(basedir, 'marks/run.properties').text = "it.run=${UUID.randomUUID()}\n"
true
