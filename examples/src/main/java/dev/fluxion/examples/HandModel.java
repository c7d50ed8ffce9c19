package dev.fluxion.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ADBench's hand model ({@code utils.cpp::read_hand_model}, {@code ../shared/peers/ADBENCH.md},
 * "Hand"): {@code bones.txt} lines {@code name:parent:16 base_relative:16 inverse_base_absolute}
 * (each a row-major 4×4), {@code vertices.txt} lines {@code x:y:z:} five ignored numbers
 * {@code :n:} then n {@code bone:weight} pairs, {@code triangles.txt} lines {@code a:b:c}.
 * ADBench's model is not mirrored.
 *
 * <p>Every bone matrix of ADBench's model is affine (last row 0 0 0 1, checked when read), so a
 * bone's matrices are kept as their top three rows: 12 numbers, row-major.
 *
 * @param names     bone names, in file order
 * @param parents   each bone's parent (−1 for the root; a parent comes before its children)
 * @param relative  base_relative of each bone, the top 3 rows of the 4×4 row-major [bones, 12]
 * @param inverse   inverse_base_absolute of each bone, the same layout
 * @param positions vertex positions [vertices, 3]
 * @param bones     each vertex's bones, in increasing order
 * @param weights   each vertex's weights, beside its bones
 * @param triangles vertex numbers of each triangle [triangles, 3]
 */
public record HandModel(List<String> names, int[] parents, double[][] relative, double[][] inverse, double[][] positions,
                        int[][] bones, double[][] weights, int[][] triangles) {

    /** Reads the three files of {@code dir}. */
    public static HandModel read(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        List<double[]> relative = new ArrayList<>();
        List<double[]> inverse = new ArrayList<>();
        for (String line : lines(dir.resolve("bones.txt"))) {
            String[] a = line.split(":");
            if (a.length != 34) {
                throw new IOException(dir.resolve("bones.txt") + ": a bone line has 34 fields, found " + a.length + ": " + line);
            }
            int parent = Integer.parseInt(a[1]);
            if (parent >= names.size()) {
                throw new IOException("bone " + a[0] + ": parent " + parent + " does not come before it");
            }
            names.add(a[0]);
            parents.add(parent);
            relative.add(affine(a, 2, a[0] + " base_relative"));
            inverse.add(affine(a, 18, a[0] + " inverse_base_absolute"));
        }
        List<double[]> positions = new ArrayList<>();
        List<int[]> bones = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (String line : lines(dir.resolve("vertices.txt"))) {
            String[] a = line.split(":");
            int n = Integer.parseInt(a[8]);
            positions.add(new double[] {Double.parseDouble(a[0]), Double.parseDouble(a[1]), Double.parseDouble(a[2])});
            // Sorted by bone: ADBench adds the bones' contributions in bone order.
            double[] dense = new double[names.size()];
            boolean[] has = new boolean[names.size()];
            for (int k = 0; k < n; k++) {
                int b = Integer.parseInt(a[9 + 2 * k]);
                dense[b] = Double.parseDouble(a[10 + 2 * k]);
                has[b] = true;
            }
            int count = 0;
            for (boolean h : has) {
                count += h ? 1 : 0;
            }
            int[] vb = new int[count];
            double[] vw = new double[count];
            for (int b = 0, k = 0; b < has.length; b++) {
                if (has[b]) {
                    vb[k] = b;
                    vw[k++] = dense[b];
                }
            }
            bones.add(vb);
            weights.add(vw);
        }
        List<int[]> triangles = new ArrayList<>();
        for (String line : lines(dir.resolve("triangles.txt"))) {
            String[] a = line.split(":");
            triangles.add(new int[] {Integer.parseInt(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2])});
        }
        return new HandModel(List.copyOf(names), parents.stream().mapToInt(Integer::intValue).toArray(),
                relative.toArray(double[][]::new), inverse.toArray(double[][]::new), positions.toArray(double[][]::new),
                bones.toArray(int[][]::new), weights.toArray(double[][]::new), triangles.toArray(int[][]::new));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** The top three rows of the row-major 4×4 at {@code a[from..from+15]}, after checking its last row is 0 0 0 1. */
    private static double[] affine(String[] a, int from, String what) throws IOException {
        double[] m = new double[16];
        for (int k = 0; k < 16; k++) {
            m[k] = Double.parseDouble(a[from + k]);
        }
        if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1) {
            throw new IOException(what + ": the last row is not 0 0 0 1");
        }
        return java.util.Arrays.copyOf(m, 12);
    }

    /** The number of bones. */
    public int boneCount() {
        return names.size();
    }

    /** The most bones any vertex is weighted by. */
    public int bonesPerVertex() {
        int k = 0;
        for (int[] b : bones) {
            k = Math.max(k, b.length);
        }
        return k;
    }

    /** The bones a triangle's three vertices are weighted by, in increasing order. */
    public int[] triangleBones(int t) {
        return java.util.stream.IntStream.of(triangles[t]).flatMap(v -> java.util.stream.IntStream.of(bones[v])).distinct()
                .sorted().toArray();
    }

    /** The most bones any triangle's vertices are weighted by together. */
    public int bonesPerTriangle() {
        int k = 0;
        for (int t = 0; t < triangles.length; t++) {
            k = Math.max(k, triangleBones(t).length);
        }
        return k;
    }
}
