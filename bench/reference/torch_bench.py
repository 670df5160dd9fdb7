"""PyTorch reference for `npm run bench`: the detectors of src/engine/detectors, layer for layer.

Usage: python3 torch_bench.py '<json args>'
  args: {"detector": {"type": "dae"|"classifier"|"rotnet", "width", "depth", "codeSize"},
         "batchSize": 128, "inferBatch": 256, "imageSize": 32, "warmupSteps": 2, "seed": 0}

A measurement server, like bench/probe.ts: it builds the network, warms up, prints one JSON line
{"ready": true, ...}, then answers one JSON line per command read from stdin:
  {"op": "train", "seconds": S, "minSteps": M}  training steps until both are reached
  {"op": "infer", "seconds": S, "images": N}    scoring passes over N images until S is reached
  {"op": "quit"}
One thread (intra- and inter-op), as the wasm backend runs one thread per training process.

The networks (NCHW here, NHWC in tfjs; the same layers, shapes and parameter counts):
  encoder  depth × [Conv 3×3 stride 2 padding 1 → BatchNorm (PyTorch defaults) → ReLU],
           width·2^i channels, flatten, Linear → tanh (the code)
  dae      code → Linear → BatchNorm1d → ReLU → reshape → (depth − 1) × [ConvTranspose 3×3 stride 2
           padding 1 output_padding 1 → BatchNorm → ReLU] → the same ConvTranspose → sigmoid; MSE
           (the authors' ConvAE; every convolution with bias)
  classifier  code → Linear(1); BCE with logits on clean (0) + flipped (1) images
  rotnet   code → Linear(K); softmax cross-entropy over the K = 4 rotations of every image
Adam (PyTorch's defaults: lr 1e-3, betas 0.9/0.999, eps 1e-8). Augmentations as tensor ops: the DAE
flips each image upside down with p = 0.5 (vertical flip), the classifier flips every positive, rotnet
rotates by −90, 0, 90, 180°.
"""

import json
import os
import platform
import sys
import time

try:
    import torch
    from torch import nn
    from torch.nn import functional as F
except ImportError as missing:
    sys.stdout.write(json.dumps({"error": f"PyTorch is not installed for {sys.executable} ({missing})"}) + "\n")
    sys.exit(1)

ROTATIONS = (-1, 0, 1, 2)  # quarter turns: −90, 0, 90, 180 degrees


def conv_block(c_in, c_out, transpose):
    if transpose:
        conv = nn.ConvTranspose2d(c_in, c_out, 3, stride=2, padding=1, output_padding=1)
    else:
        conv = nn.Conv2d(c_in, c_out, 3, stride=2, padding=1)
    return nn.Sequential(conv, nn.BatchNorm2d(c_out), nn.ReLU())


class Encoder(nn.Module):
    def __init__(self, size, channels, width, depth, code):
        super().__init__()
        blocks, c_in = [], channels
        for i in range(depth):
            blocks.append(conv_block(c_in, width * 2**i, False))
            c_in = width * 2**i
        self.blocks = nn.Sequential(*blocks)
        side = size // 2**depth
        self.code = nn.Linear(side * side * c_in, code)

    def forward(self, x):
        return torch.tanh(self.code(torch.flatten(self.blocks(x), 1)))


class Decoder(nn.Module):
    def __init__(self, size, channels, width, depth, code):
        super().__init__()
        self.side = size // 2**depth
        self.c0 = width * 2 ** (depth - 1)
        self.dense = nn.Linear(code, self.side * self.side * self.c0)
        self.dense_bn = nn.BatchNorm1d(self.side * self.side * self.c0)
        blocks = [conv_block(width * 2 ** (i + 1), width * 2**i, True) for i in range(depth - 2, -1, -1)]
        self.blocks = nn.Sequential(*blocks)
        self.out = nn.ConvTranspose2d(width, channels, 3, stride=2, padding=1, output_padding=1)

    def forward(self, z):
        x = F.relu(self.dense_bn(self.dense(z))).view(-1, self.c0, self.side, self.side)
        return torch.sigmoid(self.out(self.blocks(x)))


class Detector(nn.Module):
    def __init__(self, kind, size, channels, width, depth, code):
        super().__init__()
        self.kind = kind
        self.encoder = Encoder(size, channels, width, depth, code)
        if kind == "dae":
            self.head = Decoder(size, channels, width, depth, code)
        elif kind == "classifier":
            self.head = nn.Linear(code, 1)
        elif kind == "rotnet":
            self.head = nn.Linear(code, len(ROTATIONS))
        else:
            raise ValueError(f"unknown detector type {kind}")

    def forward(self, x):
        return self.head(self.encoder(x))

    # One training step's inputs and loss, augmentation included (as tfjs's trainStep does).
    def loss(self, clean):
        n = clean.shape[0]
        if self.kind == "dae":
            flip = torch.rand(n) < 0.5
            augmented = torch.where(flip.view(-1, 1, 1, 1), clean.flip(2), clean)
            return F.mse_loss(self(augmented), clean)
        if self.kind == "classifier":
            x = torch.cat([clean, clean.flip(2)])
            labels = torch.cat([torch.zeros(n, 1), torch.ones(n, 1)])
            return F.binary_cross_entropy_with_logits(self(x), labels)
        x = torch.cat([torch.rot90(clean, k, dims=(2, 3)) for k in ROTATIONS])
        labels = torch.arange(len(ROTATIONS)).repeat_interleave(n)
        return F.cross_entropy(self(x), labels)

    # Anomaly scores of a batch, as the tfjs detectors' score().
    def score(self, x):
        if self.kind == "dae":
            return ((self(x) - x) ** 2).mean((1, 2, 3))
        if self.kind == "classifier":
            return torch.sigmoid(self(x)).view(-1)
        n = x.shape[0]
        variants = torch.cat([torch.rot90(x, k, dims=(2, 3)) for k in ROTATIONS])
        labels = torch.arange(len(ROTATIONS)).repeat_interleave(n)
        nll = F.cross_entropy(self(variants), labels, reduction="none")
        return nll.view(len(ROTATIONS), n).mean(0)


def blas_library():
    """The BLAS shared libraries this process loaded (the matrix products of dense layers and of
    transposed convolutions use them), as folder/file: `blas/libblas.so.3.11.0` is Debian's
    reference BLAS, `openblas-pthread/libblas.so.3` OpenBLAS."""
    try:
        with open("/proc/self/maps", encoding="utf8") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return sorted("/".join(os.path.realpath(p).split("/")[-2:]) for p in paths) or None
    except OSError:
        return None


def main():
    args = json.loads(sys.argv[1])
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.get("seed", 0))
    spec = args["detector"]
    size = args.get("imageSize", 32)
    batch = args.get("batchSize", 128)
    infer_batch = args.get("inferBatch", 256)
    model = Detector(spec["type"], size, 1, spec["width"], spec["depth"], spec["codeSize"])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    clean = torch.rand(batch, 1, size, size)

    def train_step():
        optimizer.zero_grad(set_to_none=True)
        loss = model.loss(clean)
        loss.backward()
        optimizer.step()
        return loss.item()  # the loss read back each step, as tfjs does

    def infer(test):
        model.eval()
        with torch.no_grad():
            out = [model.score(test[i : i + infer_batch]).numpy() for i in range(0, test.shape[0], infer_batch)]
        model.train()
        return out

    model.train()
    for _ in range(args.get("warmupSteps", 2)):
        train_step()
    infer(clean)
    send(
        {
            "ready": True,
            "parameters": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "torch": torch.__version__,
            "python": platform.python_version(),
            "threads": torch.get_num_threads(),
            "interopThreads": torch.get_num_interop_threads(),
            "mkldnn": torch.backends.mkldnn.is_available(),
            "blas": blas_library(),
        }
    )
    tests = {}
    for line in sys.stdin:
        command = json.loads(line)
        op = command.get("op")
        if op == "quit":
            break
        seconds = float(command.get("seconds", 1))
        cpu0, t0 = time.process_time(), time.perf_counter()
        if op == "train":
            steps = 0
            while steps < command.get("minSteps", 1) or time.perf_counter() - t0 < seconds:
                train_step()
                steps += 1
            images = steps * batch
        elif op == "infer":
            n = int(command.get("images", 1024))
            if n not in tests:
                tests[n] = clean.repeat((n + batch - 1) // batch, 1, 1, 1)[:n].contiguous()
            passes = 0
            while passes < 1 or time.perf_counter() - t0 < seconds:
                infer(tests[n])
                passes += 1
            steps, images = passes, passes * n
        else:
            send({"error": f"unknown op {op}"})
            continue
        wall = time.perf_counter() - t0
        send({"op": op, "steps": steps, "images": images, "seconds": wall, "imagesPerSecond": images / wall, "cpuShare": (time.process_time() - cpu0) / wall})


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # reported as one JSON line, as bench/probe.ts does
        send({"error": f"{type(error).__name__}: {error}"})
        sys.exit(1)
