def log = new File(basedir, 'build.log').text
assert log.contains('This plugin has') : 'help did not print the goal count'
['factory:help', 'factory:stitch'].each { goal ->
    assert log.contains(goal) : "help does not list ${goal}"
}
true
