#!/usr/bin/env python3
"""Writes a random-weight BERT with the shapes of all-MiniLM-L6-v2 twice: as a Hugging Face
folder (config.json, model.safetensors, vocab.txt) for InterestLens' `bert` encoder, and as
model.onnx for ONNX Runtime, so both engines run the same network on the same inputs.

usage: make_bert_pair.py OUT_DIR VOCAB_TXT [--layers 6 --hidden 384 --heads 12 --ffn 1536]
Needs Debian's python3-numpy and python3-onnx. Speed benchmark only: the weights mean nothing.
"""
import argparse, json, os, shutil, struct

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("vocab")
ap.add_argument("--layers", type=int, default=6)
ap.add_argument("--hidden", type=int, default=384)
ap.add_argument("--heads", type=int, default=12)
ap.add_argument("--ffn", type=int, default=1536)
ap.add_argument("--positions", type=int, default=512)
args = ap.parse_args()
os.makedirs(args.out, exist_ok=True)
shutil.copyfile(args.vocab, os.path.join(args.out, "vocab.txt"))
vocab_size = sum(1 for _ in open(args.vocab, encoding="utf-8"))
H, L, NH, FF = args.hidden, args.layers, args.heads, args.ffn
HD = H // NH
EPS = 1e-12
rng = np.random.default_rng(7)

config = {"architectures": ["BertModel"], "model_type": "bert", "vocab_size": vocab_size,
          "hidden_size": H, "num_hidden_layers": L, "num_attention_heads": NH,
          "intermediate_size": FF, "hidden_act": "gelu", "max_position_embeddings": args.positions,
          "type_vocab_size": 2, "layer_norm_eps": EPS, "pad_token_id": 0,
          "_comment": "random weights for speed benchmarks only"}
json.dump(config, open(os.path.join(args.out, "config.json"), "w"), indent=1)

tensors = {}  # HF name -> float32 array (nn.Linear weights are [out, in])
def param(name, *shape, scale=0.05):
    tensors[name] = (rng.standard_normal(shape) * scale).astype(np.float32)
    return tensors[name]
def ln(name, n):
    tensors[name + ".weight"] = (1 + 0.1 * rng.standard_normal(n)).astype(np.float32)
    tensors[name + ".bias"] = (0.1 * rng.standard_normal(n)).astype(np.float32)

param("embeddings.word_embeddings.weight", vocab_size, H)
param("embeddings.position_embeddings.weight", args.positions, H)
param("embeddings.token_type_embeddings.weight", 2, H)
ln("embeddings.LayerNorm", H)
for l in range(L):
    p = f"encoder.layer.{l}."
    for m in ("query", "key", "value"):
        param(p + f"attention.self.{m}.weight", H, H)
        param(p + f"attention.self.{m}.bias", H)
    param(p + "attention.output.dense.weight", H, H)
    param(p + "attention.output.dense.bias", H)
    ln(p + "attention.output.LayerNorm", H)
    param(p + "intermediate.dense.weight", FF, H)
    param(p + "intermediate.dense.bias", FF)
    param(p + "output.dense.weight", H, FF)
    param(p + "output.dense.bias", H)
    ln(p + "output.LayerNorm", H)

# safetensors: 8-byte little-endian header length, JSON header, raw little-endian data.
header, offset, blobs = {}, 0, []
for name in sorted(tensors):
    a = np.ascontiguousarray(tensors[name])
    header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
    offset += a.nbytes
    blobs.append(a.tobytes())
hjson = json.dumps(header, separators=(",", ":")).encode()
hjson += b" " * ((8 - len(hjson) % 8) % 8)
with open(os.path.join(args.out, "model.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(hjson)))
    f.write(hjson)
    for b in blobs:
        f.write(b)

# The same network as an ONNX graph (opset 17), inputs input_ids / attention_mask [B, T] int64,
# output last_hidden_state [B, T, H]. Linear layers are MatMul with [in, out] initializers.
nodes, inits = [], []
def init(name, array):
    inits.append(numpy_helper.from_array(np.asarray(array), name))
    return name
counter = [0]
def node(op, inputs, **attrs):
    counter[0] += 1
    out = f"{op.lower()}_{counter[0]}"
    nodes.append(helper.make_node(op, inputs, [out], **attrs))
    return out
def linear(x, hf):
    return node("Add", [node("MatMul", [x, init(hf + ".weight.T", tensors[hf + ".weight"].T.copy())]),
                        init(hf + ".bias", tensors[hf + ".bias"])])
def layer_norm(x, hf):
    return node("LayerNormalization", [x, init(hf + ".weight", tensors[hf + ".weight"]),
                                       init(hf + ".bias", tensors[hf + ".bias"])], axis=-1, epsilon=EPS)

ids, mask = "input_ids", "attention_mask"
shape = node("Shape", [ids])
seq = node("Gather", [shape, init("one", np.array(1, dtype=np.int64))], axis=0)
positions = node("Range", [init("zero", np.array(0, dtype=np.int64)), seq, init("step", np.array(1, dtype=np.int64))])
x = node("Add", [node("Gather", [init("word_emb", tensors["embeddings.word_embeddings.weight"]), ids]),
                 node("Gather", [init("pos_emb", tensors["embeddings.position_embeddings.weight"]), positions])])
x = node("Add", [x, init("type0", tensors["embeddings.token_type_embeddings.weight"][0])])
x = layer_norm(x, "embeddings.LayerNorm")
# Additive key mask [B, 1, 1, T]: 0 for tokens, -1e4 for padding (as HF BERT does).
maskf = node("Cast", [node("Unsqueeze", [mask, init("axes12", np.array([1, 2], dtype=np.int64))])], to=TensorProto.FLOAT)
bias = node("Mul", [node("Sub", [init("onef", np.array(1.0, dtype=np.float32)), maskf]), init("neg", np.array(-10000.0, dtype=np.float32))])
split_shape = init("split_shape", np.array([0, 0, NH, HD], dtype=np.int64))
merge_shape = init("merge_shape", np.array([0, 0, H], dtype=np.int64))
scale = init("scale", np.array(1.0 / np.sqrt(HD), dtype=np.float32))
for l in range(L):
    p = f"encoder.layer.{l}."
    def heads(t, perm):
        return node("Transpose", [node("Reshape", [t, split_shape])], perm=perm)
    q = heads(linear(x, p + "attention.self.query"), [0, 2, 1, 3])
    k = heads(linear(x, p + "attention.self.key"), [0, 2, 3, 1])
    v = heads(linear(x, p + "attention.self.value"), [0, 2, 1, 3])
    scores = node("Add", [node("Mul", [node("MatMul", [q, k]), scale]), bias])
    ctx = node("MatMul", [node("Softmax", [scores], axis=-1), v])
    ctx = node("Reshape", [node("Transpose", [ctx], perm=[0, 2, 1, 3]), merge_shape])
    x = layer_norm(node("Add", [linear(ctx, p + "attention.output.dense"), x]), p + "attention.output.LayerNorm")
    h = linear(x, p + "intermediate.dense")
    gelu = node("Mul", [node("Mul", [h, init(f"half{l}", np.array(0.5, dtype=np.float32))]),
                        node("Add", [init(f"onegelu{l}", np.array(1.0, dtype=np.float32)),
                                     node("Erf", [node("Div", [h, init(f"sqrt2_{l}", np.array(np.sqrt(2.0), dtype=np.float32))])])])])
    x = layer_norm(node("Add", [linear(gelu, p + "output.dense"), x]), p + "output.LayerNorm")
nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))
graph = helper.make_graph(
    nodes, "bert", [helper.make_tensor_value_info(ids, TensorProto.INT64, ["B", "T"]),
                    helper.make_tensor_value_info(mask, TensorProto.INT64, ["B", "T"])],
    [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["B", "T", H])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, os.path.join(args.out, "model.onnx"))
print(f"wrote {args.out}: {L} layers, hidden {H}, {NH} heads, FFN {FF}, vocab {vocab_size}")
