// ONNX Runtime (onnxruntime-node) on the same BERT and the same token ids as InterestLens'
// encoder_bench: length-sorted batches, mean pooling, fixed thread count.
// usage: node ort_bench.mjs MODEL.onnx IDS.json THREADS BATCH
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const ort = require(process.env.ORT_NODE_DIR ?? "onnxruntime-node");
const [modelPath, idsPath, threadsArg, batchArg] = process.argv.slice(2);
const threads = Number(threadsArg ?? 2), batch = Number(batchArg ?? 32);
const texts = JSON.parse(readFileSync(idsPath, "utf8"));  // [[id, ...], ...] with [CLS]/[SEP]

const session = await ort.InferenceSession.create(modelPath, {
  intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: "sequential",
  graphOptimizationLevel: "all",
});
const order = texts.map((_, i) => i).sort((a, b) => texts[b].length - texts[a].length);

async function run() {
  let checksum = 0;
  for (let s = 0; s < order.length; s += batch) {
    const rows = order.slice(s, s + batch).map((i) => texts[i]);
    const T = Math.max(...rows.map((r) => r.length)), B = rows.length;
    const ids = new BigInt64Array(B * T), mask = new BigInt64Array(B * T);
    rows.forEach((r, b) => r.forEach((id, t) => { ids[b * T + t] = BigInt(id); mask[b * T + t] = 1n; }));
    const out = await session.run({
      input_ids: new ort.Tensor("int64", ids, [B, T]),
      attention_mask: new ort.Tensor("int64", mask, [B, T]),
    });
    const h = out.last_hidden_state.data, H = out.last_hidden_state.dims[2];
    for (let b = 0; b < B; ++b) {  // mean pooling over real tokens, as the C++ side does
      for (let t = 0; t < rows[b].length; ++t) checksum += h[(b * T + t) * H];
    }
  }
  return checksum;
}

await run();  // warm-up
const t0 = process.hrtime.bigint();
await run();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ engine: "onnxruntime-node", texts: texts.length, threads, batch, seconds,
                             texts_per_s: texts.length / seconds }));
