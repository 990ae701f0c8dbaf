def log = new File(basedir, 'build.log').text
assert log.contains("factory.platform: unknown architecture 'amd65' in 'linux/amd65' (did you mean 'amd64'?); known: 386, amd64, arm, arm64, mips64le, ppc64le, riscv64, s390x. Use os/arch, such as linux/amd64 or linux/arm64.")
assert !new File(basedir, 'target/factory/docker-bake.json').exists() : 'nothing is written for a bad platform'
true
