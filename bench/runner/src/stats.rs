//! Small statistics helpers over samples of wall times or ratios.

/// Median of `xs` (mean of the two middle values for an even count).
/// Returns `None` for an empty slice. NaNs are not expected.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    })
}

/// Smallest value, or `None` for an empty slice.
pub fn min(xs: &[f64]) -> Option<f64> {
    xs.iter().copied().reduce(f64::min)
}

/// Largest value, or `None` for an empty slice.
pub fn max(xs: &[f64]) -> Option<f64> {
    xs.iter().copied().reduce(f64::max)
}

/// Geometric mean, computed in log space. Returns `None` for an empty
/// slice or if any value is not strictly positive and finite.
pub fn geomean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() || xs.iter().any(|&x| !(x > 0.0 && x.is_finite())) {
        return None;
    }
    let sum_ln: f64 = xs.iter().map(|x| x.ln()).sum();
    Some((sum_ln / xs.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn median_of_empty_is_none() {
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn median_odd_count_is_middle_value() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[5.0]), Some(5.0));
    }

    #[test]
    fn median_even_count_averages_middle_pair() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn median_is_robust_to_outliers() {
        assert_eq!(median(&[1.0, 1.1, 100.0, 0.9, 1.05]), Some(1.05));
    }

    #[test]
    fn min_max() {
        assert_eq!(min(&[2.0, -1.0, 3.0]), Some(-1.0));
        assert_eq!(max(&[2.0, -1.0, 3.0]), Some(3.0));
        assert_eq!(min(&[]), None);
        assert_eq!(max(&[]), None);
    }

    #[test]
    fn geomean_basic() {
        assert!(close(geomean(&[2.0, 8.0]).unwrap(), 4.0));
        assert!(close(geomean(&[1.0, 1.0, 1.0]).unwrap(), 1.0));
        assert!(close(geomean(&[0.5, 2.0]).unwrap(), 1.0));
        assert!(close(geomean(&[10.0]).unwrap(), 10.0));
    }

    #[test]
    fn geomean_rejects_empty_and_non_positive() {
        assert_eq!(geomean(&[]), None);
        assert_eq!(geomean(&[1.0, 0.0]), None);
        assert_eq!(geomean(&[1.0, -2.0]), None);
        assert_eq!(geomean(&[f64::INFINITY]), None);
    }
}
