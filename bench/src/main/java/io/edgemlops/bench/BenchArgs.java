package io.edgemlops.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code command --name value ...} arguments of the benchmark harness, with the benchmark's defaults. */
record BenchArgs(String command, Map<String, String> options) {

    static BenchArgs parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: TrainBench generate|djl --name value ...");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return new BenchArgs(args[0], options);
    }

    String require(String name) {
        String v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    int rows() {
        return Integer.parseInt(options.getOrDefault("rows", "20000"));
    }

    long seed() {
        return Long.parseLong(options.getOrDefault("seed", "1"));
    }

    int batch() {
        return Integer.parseInt(options.getOrDefault("batch", "64"));
    }

    int epochs() {
        return Integer.parseInt(options.getOrDefault("epochs", "10"));
    }

    double learningRate() {
        return Double.parseDouble(options.getOrDefault("lr", "0.001"));
    }

    List<Integer> hidden() {
        List<Integer> out = new ArrayList<>();
        for (String s : options.getOrDefault("hidden", "64,32").split(",")) {
            out.add(Integer.parseInt(s.trim()));
        }
        return out;
    }
}
