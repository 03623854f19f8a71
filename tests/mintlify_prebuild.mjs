// Run Mintlify's own prebuild (the step `mint dev` / a deploy runs first) in strict mode on the
// docs tree given on the command line: any warning (a nav entry with no file, an `openapi`
// front matter that names no operation, an MDX parse error) fails it. Prints "prebuild ok" or
// the error, and exits 1 on failure. Prebuild writes its output (src/, public/) into the working
// folder: run it in the tree.
import { prebuild } from "@mintlify/prebuild";

try {
  await prebuild(process.argv[2], { strict: true, localSchema: true, disablePrefetch: true });
  console.log("prebuild ok");
} catch (error) {
  console.log(`prebuild failed: ${error.message}`);
  process.exit(1);
}
