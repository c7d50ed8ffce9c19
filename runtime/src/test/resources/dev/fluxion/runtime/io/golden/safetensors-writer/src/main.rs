// Writes the safetensors golden files of Fluxion's tests with the reference implementation
// (huggingface/safetensors, crate `safetensors`, serialize()), nothing else.
use safetensors::tensor::TensorView;
use safetensors::{serialize, Dtype};

fn f64_bytes(v: &[f64]) -> Vec<u8> { v.iter().flat_map(|x| x.to_le_bytes()).collect() }
fn f32_bytes(v: &[f64]) -> Vec<u8> { v.iter().flat_map(|x| (*x as f32).to_le_bytes()).collect() }

fn main() {
    let out = std::env::args().nth(1).expect("output directory");
    // The golden tensors, listed here in Fluxion's declaration order (b, W, s);
    // serialize() orders them itself.
    let tensors: Vec<(&str, Vec<usize>, Vec<f64>)> = vec![
        ("b", vec![3], vec![0.5, -1.25, 3.0]),
        ("W", vec![2, 3], vec![1.0, -2.0, 0.25, 1e-3, -0.0, 6.5e10]),
        ("s", vec![], vec![0.125]),
    ];
    for (dtype, suffix) in [(Dtype::F64, "f64"), (Dtype::F32, "f32")] {
        let data: Vec<Vec<u8>> = tensors.iter()
            .map(|(_, _, v)| if dtype == Dtype::F64 { f64_bytes(v) } else { f32_bytes(v) })
            .collect();
        let views: Vec<(String, TensorView)> = tensors.iter().zip(&data)
            .map(|((n, s, _), d)| (n.to_string(), TensorView::new(dtype, s.clone(), d).unwrap()))
            .collect();
        let bytes = serialize(views, None).unwrap();
        std::fs::write(format!("{out}/golden_{suffix}.safetensors"), bytes).unwrap();
    }
    // Edge cases: a name that is not ASCII (ordered bytewise, written as is in the JSON), a
    // name with a quote and a backslash (escaped), an empty tensor, NaN and infinities.
    let edge: Vec<(&str, Vec<usize>, Vec<f64>)> = vec![
        ("\u{3b1}/weights", vec![2, 2], vec![1.0, 2.0, 3.0, 4.0]),
        ("empty", vec![0, 3], vec![]),
        ("q\"\\", vec![], vec![-0.5]),
        ("big", vec![3, 1, 1, 2], vec![1e300, -1e-300, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 6.0]),
    ];
    let data: Vec<Vec<u8>> = edge.iter().map(|(_, _, v)| f64_bytes(v)).collect();
    let views: Vec<(String, TensorView)> = edge.iter().zip(&data)
        .map(|((n, s, _), d)| (n.to_string(), TensorView::new(Dtype::F64, s.clone(), d).unwrap()))
        .collect();
    std::fs::write(format!("{out}/edge_f64.safetensors"), serialize(views, None).unwrap()).unwrap();

    // Half precision, read only by Fluxion, given as bit patterns (each value exact):
    // 1, -2, 0.25, the smallest normal, the smallest subnormal, the largest finite, +inf, -0.
    let f16: Vec<u16> = vec![0x3C00, 0xC000, 0x3400, 0x0400, 0x0001, 0x7BFF, 0x7C00, 0x8000];
    let bf16: Vec<u16> = vec![0x3F80, 0xC000, 0x3E80, 0x0080, 0x0001, 0x7F7F, 0x7F80, 0x8000];
    let le = |v: &Vec<u16>| -> Vec<u8> { v.iter().flat_map(|x| x.to_le_bytes()).collect() };
    let (h, b) = (le(&f16), le(&bf16));
    let half = vec![
        ("h".to_string(), TensorView::new(Dtype::F16, vec![8], &h).unwrap()),
        ("bf".to_string(), TensorView::new(Dtype::BF16, vec![2, 4], &b).unwrap()),
    ];
    std::fs::write(format!("{out}/half.safetensors"), serialize(half, None).unwrap()).unwrap();
}
