package dev.fluxion.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Gamma} and the inverse hyperbolic functions of {@link Fn} against values computed
 * independently with mpmath in 40-digit arithmetic: 1e-13 relative everywhere listed
 * (including next to the zeros of lgamma at 1 and 2, where a plain recurrence would lose
 * every digit), and the documented values at the poles and at infinity.
 */
class SpecialFunctionsTest {

    private static final double RELATIVE = 1e-13;

    /** {x, lgamma(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] LGAMMA = {
        {1e-300, 690.7755278982137051803},
        {1e-08, 18.42068073818020888445},
        {0.001, 6.907178885383853661684},
        {0.1, 2.252712651734205902006},
        {0.25, 1.288022524698077457371},
        {0.5, 0.5723649429247000870717},
        {0.9, 0.06637623973474295442597},
        {0.999999, 5.772164873855652379393e-7},
        {1.0, 0.0},
        {1.000001, -5.772148423874146650588e-7},
        {1.25, -0.09827183642181316146385},
        {1.4616, -0.1214862900358973284194},
        {1.5, -0.1207822376352452223455},
        {1.75, -0.08440112102048555595779},
        {1.999999, -4.227840125965853701903e-7},
        {2.0, 0.0},
        {2.000001, 4.227846576245292362043e-7},
        {2.25, 0.1248717148923965943024},
        {2.5, 0.2846828704729191596325},
        {3.0, 0.6931471805599453094172},
        {3.7, 1.4280723266653881292},
        {5.5, 3.957813967618716293877},
        {9.99, 12.77931521435019336023},
        {10.0, 12.80182748008146961121},
        {10.5, 13.94062521940376363316},
        {30.0, 71.25703896716800901007},
        {171.5, 709.1431630309282422724},
        {1000.0, 5905.220423209181211826},
        {1000000.0, 12815504.56914761165998},
        {1000000000000000.0, 33538776394910668.90982},
        {1e+300, 6.897755278982137414744e+302},
        {-0.5, 1.265512123484645396489},
        {-1e-08, 18.42068074972452218248},
        {-0.9, 2.358073167392032467879},
        {-1.5, 0.8600470153764810145109},
        {-2.3, 0.3695666634550080374592},
        {-10.5, -15.1472705907178411461},
        {-100.25, -363.4009232278215407066},
    };
    /** {x, digamma(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] DIGAMMA = {
        {1e-300, -9.999999999999999749409e+299},
        {1e-08, -100000000.5772156463599},
        {0.001, -1000.575571931810279655},
        {0.1, -10.4237549404110762321},
        {0.25, -4.22745353337626540809},
        {0.5, -1.963510026021423479441},
        {0.9, -0.7549269499470513491974},
        {1.0, -0.5772156649015328606065},
        {1.25, -0.2274535333762654080895},
        {1.5, 0.03648997397857652055902},
        {1.75, 0.2474724535468611637064},
        {2.0, 0.4227843350984671393935},
        {2.5, 0.7031566406452431872257},
        {3.7, 1.167153539361511440948},
        {9.99, 2.250700372831201121979},
        {10.0, 2.251752589066721107647},
        {10.5, 2.303001034297686375273},
        {30.0, 3.384438132685524876562},
        {1000.0, 6.90725519564881205205},
        {1000000.0, 13.81551005796419077077},
        {1000000000000000.0, 34.53877639491068476027},
        {1e+300, 690.7755278982137052579},
        {-0.5, 0.03648997397857652055902},
        {-1e-08, 99999999.42278431655687},
        {-0.9, -9.312643829299967963742},
        {-1.5, 0.7031566406452431872257},
        {-2.3, 3.317323157561822739114},
        {-10.5, 2.398239129535781613368},
        {-100.25, 7.754238959208645448412},
    };
    /** {x, trigamma(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] TRIGAMMA = {
        {1e-150, 9.999999999999999874093e+299},
        {1e-08, 10000000000000001.22648},
        {0.001, 1000001.642533195827345},
        {0.1, 101.4332991507927477047},
        {0.5, 4.934802200544679309417},
        {1.0, 1.644934066848226436472},
        {1.5, 0.9348022005446793094172},
        {2.0, 0.6449340668482264364724},
        {3.7, 0.3100378576700383021582},
        {9.99, 0.1052769501482417843854},
        {10.0, 0.1051663356816857461222},
        {30.0, 0.03389506035773994421376},
        {1000.0, 0.001000500166666633333357},
        {1000000.0, 0.000001000000500000166666667},
        {1000000000000000.0, 1.0000000000000005e-15},
        {-0.5, 8.934802200544679309417},
        {-1e-08, 10000000000000001.22648},
        {-0.9, 102.6678670520273711078},
        {-1.5, 9.379246644989123753862},
        {-2.3, 14.72591216096129148808},
        {-10.5, 9.778757739814812384497},
        {-100.25, 19.72928332534936334431},
    };
    /** {x, polygamma2(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] POLYGAMMA2 = {
        {1e-08, -1.999999999999999874465e+24},
        {0.001, -2000000002.397632164833},
        {0.1, -2001.861457378343673222},
        {0.5, -16.8287966442343199956},
        {1.0, -2.404113806319188570799},
        {1.5, -0.8287966442343199955963},
        {2.0, -0.4041138063191885707995},
        {3.7, -0.09539530872855403348272},
        {9.99, -0.01107307053146105115822},
        {10.0, -0.0110498349708020674621},
        {25.0, -0.001665279318422468165429},
        {30.0, -0.001148765203728599844007},
        {1000.0, -0.0000010010004999998333335},
        {1000000.0, -1.0000010000005e-12},
        {-0.5, -0.8287966442343199955963},
        {-1.5, -0.2362040516417274030037},
        {-2.3, 68.71379252927030200165},
        {-10.3, 68.82898861103696798539},
        {-100.25, 124.0250082069177087907},
        {-0.25, 122.6973667836623603686},
    };
    /** {x, polygamma3(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] POLYGAMMA3 = {
        {1e-08, 5.999999999999999497859e+32},
        {0.001, 6000000000006.468614456},
        {0.1, 60004.51287679025338427},
        {0.5, 97.40909103400243723644},
        {1.0, 6.493939402266829149096},
        {1.5, 1.40909103400243723644},
        {2.0, 0.493939402266829149096},
        {3.7, 0.05827921795656361411882},
        {9.99, 0.002327215939964079797715},
        {10.0, 0.002319901304289868385558},
        {25.0, 0.0001358846365082737040312},
        {30.0, 0.00007786003664736129060156},
        {1000.0, 2.003001999999000001333e-9},
        {1000000.0, 2.000003000002e-18},
        {-0.5, 193.4090910340024372364},
        {-1.5, 194.5942762191876224216},
        {-2.3, 768.9350646661422439364},
        {-10.3, 769.0193334243987416576},
        {-100.25, 1558.545454588468663965},
        {-0.25, 1555.76331253485059976},
    };
    /** {x, polygamma4(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] POLYGAMMA4 = {
        {1e-08, -2.399999999999999748929e+41},
        {0.001, -24000000000000022.26655},
        {0.1, -2400015.607203195198778},
        {0.5, -771.4742498266672251905},
        {1.0, -24.88626612344087823195},
        {1.5, -3.474249826667225190536},
        {2.0, -0.8862661234408782319528},
        {3.7, -0.05303861110795395932096},
        {9.99, -0.0007329986441825547378081},
        {10.0, -0.0007299311682352866345036},
        {25.0, -0.00001662971425007893217735},
        {30.0, -0.000007914941340181024041851},
        {1000.0, -6.012009999993000012e-12},
        {1000000.0, -6.00001200001e-24},
        {-0.5, -3.474249826667225190536},
        {-1.5, -0.3137559995067313633754},
        {-2.3, 9738.671736569251449761},
        {-10.3, 9738.759863954216398852},
        {-100.25, 24481.57478276428779092},
        {-0.25, 24473.19939418458252746},
    };
    /** {x, polygamma7(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] POLYGAMMA7 = {
        {1e-08, 5.039999999999999156402e+67},
        {0.001, 5.039999999999999160671e+27},
        {0.1, 504000002365.1911917889},
        {0.5, 1290440.218185598064969},
        {1.0, 5060.549875237639470469},
        {1.5, 200.2181855980649694863},
        {2.0, 20.54987523763947046857},
        {3.7, 0.1711060713414569355439},
        {9.99, 0.0001012495020137251970389},
        {10.0, 0.0001005111159868936303882},
        {25.0, 1.35358572464182594624e-7},
        {30.0, 3.693311077871012758757e-8},
        {1000.0, 7.225233599949600158399e-19},
        {1000000.0, 7.2000252000336e-40},
        {-0.5, 2580680.218185598064969},
        {-1.5, 2580876.871134843606808},
        {-2.3, 76905683.92058921608889},
        {-10.3, 76905684.33317207397776},
        {-100.25, 330352695.8555131046254},
        {-0.25, 330351842.1464996568545},
    };
    /** {x, asinh(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] ASINH = {
        {1e-300, 1.000000000000000025059e-300},
        {-1e-20, -9.999999999999999451533e-21},
        {1e-08, 1.000000000000000004256e-8},
        {0.001, 0.0009999998333334083541054},
        {0.3, 0.2956730475634224284687},
        {-0.7, -0.6526665660823557504275},
        {1.0, 0.8813735870195430252326},
        {1.9, 1.397998365111434316283},
        {2.0, 1.443635475178810342493},
        {2.1, 1.487482836641271211816},
        {-5.0, -2.312438341272752620254},
        {1000.0, 7.600902709541988611523},
        {100000000.0, 19.11382792451231080656},
        {-300000000.0, -20.21244021318042047573},
        {1e+200, 461.2101657793690820827},
        {1e+308, 709.8893558227260159979},
    };
    /** {x, acosh(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] ACOSH = {
        {1.0, 0.0},
        {1.0000000001, 0.00001414213620867586135459},
        {1.001, 0.04471763360830684751333},
        {1.5, 0.9624236501192068949955},
        {2.0, 1.316957896924816708625},
        {2.5, 1.566799236972411078664},
        {10.0, 2.993222846126380897913},
        {100000000.0, 19.11382792451231075656},
        {300000000.0, 20.21244021318042047018},
        {1e+200, 461.2101657793690820827},
        {1e+308, 709.8893558227260159979},
    };
    /** {x, atanh(x)} to 22 digits (mpmath, 40-digit arithmetic). */
    private static final double[][] ATANH = {
        {1e-300, 1.000000000000000025059e-300},
        {-1e-20, -9.999999999999999451533e-21},
        {1e-08, 1.000000000000000054256e-8},
        {0.001, 0.001000000333333533354293},
        {0.3, 0.3095196042031117032738},
        {-0.5, -0.5493061443340548456976},
        {0.7, 0.8673005276940531073508},
        {0.9, 1.47221948958322034687},
        {0.999999, 7.254328619247669367295},
        {-0.9999999999, -11.85949901385501728468},
    };

    private static void check(String name, DoubleUnaryOperator f, double[][] table) {
        for (double[] row : table) {
            double got = f.applyAsDouble(row[0]);
            double want = row[1];
            assertTrue(Math.abs(got - want) <= RELATIVE * Math.abs(want),
                    name + "(" + row[0] + ") = " + got + ", want " + want + " (relative error "
                            + Math.abs(got - want) / Math.abs(want) + ")");
        }
    }

    @Test
    void lgammaMatchesReferenceValues() {
        check("lgamma", Gamma::lgamma, LGAMMA);
    }

    @Test
    void digammaMatchesReferenceValues() {
        check("digamma", Gamma::digamma, DIGAMMA);
    }

    @Test
    void trigammaMatchesReferenceValues() {
        check("trigamma", Gamma::trigamma, TRIGAMMA);
    }

    @Test
    void polygammaMatchesReferenceValues() {
        check("polygamma(2, .)", x -> Gamma.polygamma(2, x), POLYGAMMA2);
        check("polygamma(3, .)", x -> Gamma.polygamma(3, x), POLYGAMMA3);
        check("polygamma(4, .)", x -> Gamma.polygamma(4, x), POLYGAMMA4);
        check("polygamma(7, .)", x -> Gamma.polygamma(7, x), POLYGAMMA7);
        check("polygamma(0, .)", x -> Gamma.polygamma(0, x), DIGAMMA);
        check("polygamma(1, .)", x -> Gamma.polygamma(1, x), TRIGAMMA);
    }

    @Test
    void inverseHyperbolicFunctionsMatchReferenceValues() {
        check("asinh", Fn::asinh, ASINH);
        check("acosh", Fn::acosh, ACOSH);
        check("atanh", Fn::atanh, ATANH);
    }

    @Test
    void lgammaIsExactlyZeroAtOneAndTwo() {
        assertEquals(0.0, Gamma.lgamma(1.0), 0.0);
        assertEquals(0.0, Gamma.lgamma(2.0), 0.0);
    }

    @Test
    void polesAndInfinities() {
        double inf = Double.POSITIVE_INFINITY;
        for (double pole : new double[] {0.0, -0.0, -1, -2, -50, -1e20}) {
            assertEquals(inf, Gamma.lgamma(pole), "lgamma at the pole " + pole);
            assertEquals(Double.NaN, Gamma.digamma(pole), "digamma at the pole " + pole + ": -inf on one side, +inf on the other");
            assertEquals(inf, Gamma.trigamma(pole), "trigamma at the pole " + pole);
            assertEquals(Double.NaN, Gamma.polygamma(2, pole), "even-order polygamma at the pole " + pole);
            assertEquals(inf, Gamma.polygamma(3, pole), "odd-order polygamma at the pole " + pole);
        }
        assertEquals(inf, Gamma.lgamma(inf));
        assertEquals(inf, Gamma.lgamma(-inf));
        assertEquals(inf, Gamma.digamma(inf));
        assertEquals(0.0, Gamma.trigamma(inf));
        assertEquals(0.0, Gamma.polygamma(2, inf));
        assertEquals(Double.NaN, Gamma.digamma(-inf));
        assertEquals(Double.NaN, Gamma.trigamma(-inf));
        for (double nan : new double[] {Double.NaN}) {
            assertEquals(Double.NaN, Gamma.lgamma(nan));
            assertEquals(Double.NaN, Gamma.digamma(nan));
            assertEquals(Double.NaN, Gamma.trigamma(nan));
            assertEquals(Double.NaN, Gamma.polygamma(2, nan));
        }
    }

    @Test
    void polygammaOrderMustBeAWholeNumber() {
        assertEquals(Double.NaN, Gamma.polygamma(1.5, 2.0));
        assertEquals(Double.NaN, Gamma.polygamma(-1, 2.0));
        assertEquals(Double.NaN, Gamma.polygamma(Double.NaN, 2.0));
    }

    @Test
    void inverseHyperbolicDomainEdges() {
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(0.0, Fn.acosh(1.0), 0.0, "acosh(1) = 0 exactly");
        assertEquals(Double.NaN, Fn.acosh(0.999999), "acosh below 1");
        assertEquals(inf, Fn.atanh(1.0), "atanh(1)");
        assertEquals(-inf, Fn.atanh(-1.0), "atanh(-1)");
        assertEquals(Double.NaN, Fn.atanh(1.000001), "atanh beyond 1");
        assertEquals(inf, Fn.asinh(inf));
        assertEquals(-inf, Fn.asinh(-inf));
        assertEquals(inf, Fn.acosh(inf));
        assertEquals(Double.NaN, Fn.asinh(Double.NaN));
        assertEquals(Double.NaN, Fn.acosh(Double.NaN));
        assertEquals(Double.NaN, Fn.atanh(Double.NaN));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Fn.asinh(-0.0)), "asinh(-0) = -0");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Fn.atanh(-0.0)), "atanh(-0) = -0");
    }
}
