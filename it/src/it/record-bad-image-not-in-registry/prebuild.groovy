// records are never overwritten: start from none, so verify.groovy sees only this run's
new File(basedir, 'target/factory/records').deleteDir()
true
