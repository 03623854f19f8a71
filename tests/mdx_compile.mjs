// Compile each .mdx file given on the command line with the reference MDX compiler
// (front matter handled as Mintlify does); print one line per failure and exit 1 if any.
// With --no-expressions, a page also fails if it holds any JavaScript expression or ESM, or a
// JSX element other than the Mintlify components our templates write.
import { readFile } from "node:fs/promises";
import { compile } from "@mdx-js/mdx";
import remarkFrontmatter from "remark-frontmatter";

const ALLOWED = new Set(["div", "ParamField", "ResponseField", "Expandable", "ResponseExample",
  "RequestExample", "Warning", "CodeGroup"]);
const args = process.argv.slice(2);
const strict = args.includes("--no-expressions");
const files = args.filter((a) => a !== "--no-expressions");

function forbidCode() {
  return (tree) => {
    const stack = [tree];
    while (stack.length) {
      const node = stack.pop();
      if (["mdxFlowExpression", "mdxTextExpression", "mdxjsEsm"].includes(node.type)) {
        throw new Error(`expression or ESM in page: ${node.value}`);
      }
      if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
        if (!ALLOWED.has(node.name)) throw new Error(`unexpected JSX element <${node.name}>`);
        for (const attribute of node.attributes || []) {
          if (attribute.type !== "mdxJsxAttribute" || (attribute.value && typeof attribute.value !== "string")) {
            throw new Error(`JSX expression attribute on <${node.name}>`);
          }
        }
      }
      stack.push(...(node.children || []));
    }
  };
}

let failed = 0;
for (const file of files) {
  try {
    const plugins = strict ? [remarkFrontmatter, forbidCode] : [remarkFrontmatter];
    await compile(await readFile(file, "utf8"), { remarkPlugins: plugins });
  } catch (error) {
    failed += 1;
    console.log(`${file}: ${String(error.message || error).split("\n")[0]}`);
  }
}
console.log(`compiled ${files.length} file(s), ${failed} failed`);
process.exit(failed ? 1 : 0);
