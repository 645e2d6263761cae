// Starts s3rver's command line. @20minutes/s3rver 4.0.4 ships its CLI as lib/cli.js but not the bin/s3rver.js its
// package.json names, so the test fixture runs this instead.
require('@20minutes/s3rver/lib/cli.js').parseAsync(process.argv);
