package dev.fluxion.examples;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Options;
import java.util.ArrayList;
import java.util.List;

/**
 * The ADBench hand objective as a program of the language ({@code ../shared/peers/ADBENCH.md},
 * "Hand"; ADBench's {@code src/cpp/shared/hand_light_matrix.h}), in three functions of one file:
 *
 * <ul>
 * <li>{@code hand_pose(theta[26]; base[B, 12], inv[B, 12])}: the pose, shared by every point.
 *     ADBench's {@code to_pose_params} places θ: the global rotation θ0..2, the translation θ3..5,
 *     and per finger the x and z Euler angles of its second bone, the x angle of its third and of
 *     its fourth (the other bones keep zero angles). Each bone's rotation
 *     R = Rz(z)·Ry(y)·Rx(x), its relative transform {@code base_relative · [R 0; 0 1]}, its
 *     absolute transform {@code absolute_parent · relative} down the bone tree, its skinning
 *     transform {@code T = absolute · inverse_base_absolute}; the global rotation R_g from the
 *     angle axis θ0..2 (the identity below a norm of 1e-4). Outputs: each bone's
 *     {@code G = R_g·T} (3 × 4, row-major) and the translation: 12B + 3 values.</li>
 * <li>{@code hand_simple(G0_0[4], G0_1[4], G0_2[4], …, tx, ty, tz; w[k], X[3], p[3])}: one point's
 *     residuals p − (Σ_j w_j·G_j·[X; 1] + t) for a vertex at X weighted by k bones, {@code Gj_i}
 *     row i of bone j's G. ADBench computes R_g·(Σ_j w_j·T_j·[X; 1]) + t, the same sum (R_g is
 *     linear; the two differ by rounding, ~1e-16); turning each bone's transform once in the pose
 *     lets each residual read one row of each bone (4k + 1 values instead of 12k + 12), which
 *     makes the Jacobian's chain rule 3 times shorter. ADBench adds all B bones with the
 *     vertex's dense weights; the bones of weight 0 add exact zeros, so the program reads the
 *     vertex's own, in bone order, padded with weight 0.</li>
 * <li>{@code hand_complicated(us[2], G0_0[4], …, tx, ty, tz; wa[k], wb[k], wc[k], xa[3], xb[3], xc[3], p[3])}:
 *     one point's residuals p − (u₁·a + u₂·b + (1 − u₁ − u₂)·c) for the skinned vertices a, b, c of
 *     its triangle, whose bones together are at most k.</li>
 * </ul>
 *
 * <p>The language has no array-valued locals, so the bone tree is written out, bone by bone,
 * with every matrix entry named ({@code a6_12}: row 1, column 2 of bone 6's absolute transform):
 * the text is generated from the model's bone tree here, as the LSTM's is from its shape;
 * {@code adbench/hand.flx} is the text for ADBench's model. Rotation entries that are 0 or 1
 * (the zero angles) are left out when the text is written. {@link HandMap} puts the pieces
 * together: the pose once, then the point function over the points as a per-item map.
 */
public final class HandProgram {

    /** The pose function's outputs besides the bones' transforms: the translation (3). */
    public static final int GLOBAL = 3;

    private HandProgram() {
    }

    /** The text of {@code adbench/hand.flx}. */
    public static String text() {
        return Programs.read("adbench/hand.flx");
    }

    /**
     * The program for a model with ADBench's bone order ({@code to_pose_params}: bone 0 the wrist,
     * then four bones per finger, the last the forearm), bones per vertex at most
     * {@code perVertex}, per triangle at most {@code perTriangle}.
     */
    public static String text(HandModel model, int perVertex, int perTriangle) {
        int bones = model.boneCount();
        if (bones != 22) {
            throw new IllegalArgumentException("ADBench's pose parameters are placed for 22 bones (wrist, 5 fingers of 4,"
                    + " forearm), the model has " + bones);
        }
        StringBuilder s = new StringBuilder();
        s.append("# ADBench's hand objective (src/cpp/shared/hand_light_matrix.h; ../shared/peers/ADBENCH.md, \"Hand\"):\n")
                .append("# written by dev.fluxion.examples.HandProgram.text for ADBench's model (model/bones.txt).\n")
                .append("# Matrix entries are named <matrix><bone>_<row><column>: q relative, a absolute, T skinning.\n\n");
        pose(s, model);
        skinned(s, perVertex);
        if (perTriangle != perVertex) {
            skinned(s, perTriangle);
        }
        simple(s, perVertex);
        complicated(s, perTriangle);
        return s.toString();
    }

    /** θ's index for each bone's Euler angles (x, z, y), −1 for a zero angle: ADBench's to_pose_params. */
    static int[][] angles(int bones) {
        int[][] a = new int[bones][];
        for (int b = 0; b < bones; b++) {
            a[b] = new int[] {-1, -1, -1};
        }
        int theta = 6;
        for (int finger = 0; finger < 5; finger++) {
            for (int joint = 2; joint <= 4; joint++) {
                int bone = 4 * finger + joint;
                a[bone][0] = theta++;
                if (joint == 2) {
                    a[bone][1] = theta++;
                }
            }
        }
        return a;
    }

    private static void pose(StringBuilder s, HandModel model) {
        int bones = model.boneCount();
        int[][] angles = angles(bones);
        s.append("# The pose: every bone's skinning transform turned by the global rotation (3 x 4, row-major), then the\n")
                .append("# global translation.\n");
        s.append("fn hand_pose(theta[26]; base[").append(bones).append(", 12], inv[").append(bones).append(", 12]) {\n");
        List<String> outputs = new ArrayList<>();
        for (int b = 0; b < bones; b++) {
            int parent = model.parents()[b];
            s.append("\n  # bone ").append(b).append(" (").append(model.names().get(b)).append("), parent ")
                    .append(parent < 0 ? "none" : parent + " (" + model.names().get(parent) + ")").append(": Euler angles x = ")
                    .append(angle(angles[b][0])).append(", z = ").append(angle(angles[b][1])).append(", y = ")
                    .append(angle(angles[b][2])).append('\n');
            String[][] r = eulerRotation(s, b, angles[b]);
            // relative = base_relative · [R 0; 0 1] (the top three rows)
            String[][] base = data("base", b);
            String[][] rel = new String[3][4];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    rel[i][j] = sum(base[i][0], r[0][j], base[i][1], r[1][j], base[i][2], r[2][j]);
                }
                rel[i][3] = base[i][3];
            }
            rel = named(s, "q" + b, rel);
            // absolute = absolute_parent · relative (the root's is its relative)
            String[][] abs = parent < 0 ? rel : named(s, "a" + b, affine(absolute(parent), rel));
            if (parent < 0) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        s.append("  a").append(b).append('_').append(i).append(j).append(" = ").append(abs[i][j]).append('\n');
                    }
                }
            }
            // transform = absolute · inverse_base_absolute
            named(s, "T" + b, affine(absolute(b), data("inv", b)));
        }
        s.append("\n  # the global rotation: angle axis theta[0..2], the identity when its norm is below 1e-4;\n")
                .append("  # ADBench scales its columns by the pose's scale column, which is 1\n")
                .append("  norm = sqrt(theta[0]*theta[0] + theta[1]*theta[1] + theta[2]*theta[2])\n")
                .append("  small = norm < 0.0001\n")
                .append("  ax = theta[0] / norm\n  ay = theta[1] / norm\n  az = theta[2] / norm\n")
                .append("  sg = sin(norm)\n  cg = cos(norm)\n");
        String[][] g = {
            {"ax*ax + (1 - ax*ax)*cg", "ax*ay*(1 - cg) - az*sg", "ax*az*(1 - cg) + ay*sg"},
            {"ax*ay*(1 - cg) + az*sg", "ay*ay + (1 - ay*ay)*cg", "ay*az*(1 - cg) - ax*sg"},
            {"ax*az*(1 - cg) - ay*sg", "az*ay*(1 - cg) + ax*sg", "az*az + (1 - az*az)*cg"}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s.append("  rg_").append(i).append(j).append(" = if small then ").append(i == j ? 1 : 0).append(" else ")
                        .append(g[i][j]).append('\n');
            }
        }
        s.append("\n  # each bone's transform turned by the global rotation: G = R_global T (3 x 4), so that a vertex is\n")
                .append("  # sum_j w_j G_j [X; 1] + translation, ADBench's R_global (sum_j w_j T_j [X; 1]) + translation\n");
        for (int b = 0; b < bones; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    String name = "G" + b + "_" + i + j;
                    s.append("  ").append(name).append(" = rg_").append(i).append("0*T").append(b).append("_0").append(j)
                            .append(" + rg_").append(i).append("1*T").append(b).append("_1").append(j).append(" + rg_").append(i)
                            .append("2*T").append(b).append("_2").append(j).append('\n');
                    outputs.add(name);
                }
            }
        }
        outputs.addAll(List.of("theta[3]", "theta[4]", "theta[5]"));
        s.append("\n  return (");
        for (int k = 0; k < outputs.size(); k++) {
            s.append(k == 0 ? "" : k % 12 == 0 ? ",\n          " : ", ").append(outputs.get(k));
        }
        s.append(")\n}\n\n");
    }

    private static String angle(int theta) {
        return theta < 0 ? "0" : "theta[" + theta + "]";
    }

    /** R = Rz(z)·Ry(y)·Rx(x) (ADBench's euler_angles_to_rotation_matrix), writing the cosines and sines used. */
    private static String[][] eulerRotation(StringBuilder s, int b, int[] angles) {
        String[] axis = {"x", "z", "y"};
        String[] c = new String[3];
        String[] sn = new String[3];
        for (int k = 0; k < 3; k++) {
            if (angles[k] < 0) {
                c[k] = "1";
                sn[k] = "0";
            } else {
                c[k] = "c" + b + axis[k];
                sn[k] = "s" + b + axis[k];
                s.append("  ").append(c[k]).append(" = cos(theta[").append(angles[k]).append("])\n");
                s.append("  ").append(sn[k]).append(" = sin(theta[").append(angles[k]).append("])\n");
            }
        }
        String[][] rx = {{"1", "0", "0"}, {"0", c[0], neg(sn[0])}, {"0", sn[0], c[0]}};
        String[][] rz = {{c[1], neg(sn[1]), "0"}, {sn[1], c[1], "0"}, {"0", "0", "1"}};
        String[][] ry = {{c[2], "0", sn[2]}, {"0", "1", "0"}, {neg(sn[2]), "0", c[2]}};
        return product(product(rz, ry), rx);
    }

    private static String[][] product(String[][] a, String[][] b) {
        String[][] p = new String[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                p[i][j] = sum(a[i][0], b[0][j], a[i][1], b[1][j], a[i][2], b[2][j]);
            }
        }
        return p;
    }

    /** The product of two affine 3×4 matrices (the top rows of 4×4 ones with last row 0 0 0 1). */
    private static String[][] affine(String[][] a, String[][] b) {
        String[][] p = new String[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                p[i][j] = sum(a[i][0], b[0][j], a[i][1], b[1][j], a[i][2], b[2][j]);
                if (j == 3) {
                    p[i][j] = p[i][j] + " + " + a[i][3];
                }
            }
        }
        return p;
    }

    private static String[][] data(String name, int b) {
        String[][] m = new String[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                m[i][j] = name + "[" + b + ", " + (4 * i + j) + "]";
            }
        }
        return m;
    }

    private static String[][] absolute(int b) {
        String[][] m = new String[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                m[i][j] = "a" + b + "_" + i + j;
            }
        }
        return m;
    }

    /** Writes {@code name_ij = m[i][j]} for every entry that is not a plain name already, and returns the names. */
    private static String[][] named(StringBuilder s, String name, String[][] m) {
        String[][] out = new String[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (m[i][j].matches("[A-Za-z_][A-Za-z0-9_]*(\\[[0-9, ]+\\])?")) {
                    out[i][j] = m[i][j];
                } else {
                    out[i][j] = name + "_" + i + j;
                    s.append("  ").append(out[i][j]).append(" = ").append(m[i][j]).append('\n');
                }
            }
        }
        return out;
    }

    private static String neg(String x) {
        return x.equals("0") ? "0" : x.startsWith("-") ? x.substring(1) : "-" + x;
    }

    /** a0·b0 + a1·b1 + a2·b2 with the factors 0 and 1 left out. */
    private static String sum(String... f) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < f.length; k += 2) {
            String t = term(f[k], f[k + 1]);
            if (t == null) {
                continue;
            }
            if (out.length() == 0) {
                out.append(t);
            } else if (t.startsWith("-")) {
                out.append(" - ").append(t.substring(1));
            } else {
                out.append(" + ").append(t);
            }
        }
        return out.length() == 0 ? "0" : out.toString();
    }

    private static String term(String a, String b) {
        if (a.equals("0") || b.equals("0")) {
            return null;
        }
        if (a.equals("1")) {
            return b;
        }
        if (b.equals("1")) {
            return a;
        }
        boolean negative = a.startsWith("-") ^ b.startsWith("-");
        String core = paren(a.startsWith("-") ? a.substring(1) : a) + "*" + paren(b.startsWith("-") ? b.substring(1) : b);
        return negative ? "-" + core : core;
    }

    private static String paren(String x) {
        return x.contains(" + ") || x.contains(" - ") ? "(" + x + ")" : x;
    }

    /** Slot k's rows: {@code Gk_0}, {@code Gk_1}, {@code Gk_2} (the rows giving x, y and z). */
    private static String bonesList(int k, String suffix) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < 3; i++) {
                s.append('G').append(j).append('_').append(i).append(suffix).append(", ");
            }
        }
        return s.append("tx, ty, tz").toString();
    }

    /** {@code skinnedK}: a vertex at X weighted w by k bones, turned and moved by the global transform. */
    private static void skinned(StringBuilder s, int k) {
        s.append("# A vertex at X skinned by ").append(k).append(" bones of weights w: sum_j w_j G_j [X; 1] + (tx, ty, tz),\n")
                .append("# Gj_i the row i of bone j's transform (ADBench adds the bones in bone order).\n");
        s.append("fn skinned").append(k).append('(').append(bonesList(k, "[4]")).append(", w[").append(k).append("], X[3]) {\n");
        String[] t = {"tx", "ty", "tz"};
        s.append("  return (");
        for (int i = 0; i < 3; i++) {
            s.append(i == 0 ? "" : ",\n          ");
            for (int j = 0; j < k; j++) {
                String g = "G" + j + "_" + i;
                s.append(j == 0 ? "" : " + ").append("w[").append(j).append("]*(").append(g).append("[0]*X[0] + ").append(g)
                        .append("[1]*X[1] + ").append(g).append("[2]*X[2] + ").append(g).append("[3])");
            }
            s.append(" + ").append(t[i]);
        }
        s.append(")\n}\n\n");
    }

    private static void simple(StringBuilder s, int k) {
        s.append("# One point of the simple variant: p minus its vertex, which the bones G0.. weight by w.\n");
        s.append("fn hand_simple(").append(bonesList(k, "[4]")).append("; w[").append(k).append("], X[3], p[3]) {\n");
        s.append("  v0, v1, v2 = skinned").append(k).append('(').append(bonesList(k, "")).append(", w, X)\n");
        s.append("  return (p[0] - v0, p[1] - v1, p[2] - v2)\n}\n\n");
    }

    private static void complicated(StringBuilder s, int k) {
        s.append("# One point of the complicated variant: p minus u1 a + u2 b + (1 - u1 - u2) c for the vertices\n")
                .append("# a, b, c of its triangle, which the bones G0.. (those of all three) weight by wa, wb, wc.\n");
        s.append("fn hand_complicated(us[2], ").append(bonesList(k, "[4]")).append("; wa[").append(k).append("], wb[").append(k)
                .append("], wc[").append(k).append("], xa[3], xb[3], xc[3], p[3]) {\n");
        for (String v : List.of("a", "b", "c")) {
            s.append("  ").append(v).append("0, ").append(v).append("1, ").append(v).append("2 = skinned").append(k).append('(')
                    .append(bonesList(k, "")).append(", w").append(v).append(", x").append(v).append(")\n");
        }
        s.append("  u = 1 - us[0] - us[1]\n");
        s.append("  return (p[0] - (us[0]*a0 + us[1]*b0 + u*c0), p[1] - (us[0]*a1 + us[1]*b1 + u*c1),"
                + " p[2] - (us[0]*a2 + us[1]*b2 + u*c2))\n}\n");
    }

    /**
     * The program's three entries compiled.
     *
     * @param pose        {@code hand_pose}, its data (the model's matrices) not bound
     * @param simple      {@code hand_simple}
     * @param complicated {@code hand_complicated}
     */
    public record Functions(CompiledFunction pose, CompiledFunction simple, CompiledFunction complicated) {

        /** The bone transforms a point of the variant reads: the point function's parameters less the global transform (and the us). */
        public int slots(boolean complicated) {
            CompiledFunction f = complicated ? this.complicated : simple;
            return (f.inputCount() - GLOBAL - (complicated ? 2 : 0)) / 12;
        }
    }

    /** Compiles the three entries of {@code text}. */
    public static Functions compile(String text) {
        Fluxion fluxion = Fluxion.create();
        return new Functions(fluxion.compile(text, Options.defaults().withEntry("hand_pose")),
                fluxion.compile(text, Options.defaults().withEntry("hand_simple")),
                fluxion.compile(text, Options.defaults().withEntry("hand_complicated")));
    }

    /** Compiles {@code adbench/hand.flx}. */
    public static Functions compile() {
        return compile(text());
    }
}
