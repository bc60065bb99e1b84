"""Independent meta-analysis with statsmodels' combine_effects (MetaAnalysisCrossCheckIT).

Reads a CSV (set,yi,vi); for every set prints one line per tau2 method:
  <set> <dl|pm> tau2 mean_re se_re se_re_hksj q mean_fe se_fe converged
statsmodels' DL tau2 is not truncated at 0; its Paule-Mandel ("iterated") iteration is run to a tight tolerance.
converged is statsmodels' own flag of the Paule-Mandel iteration (1 for DL): its DerSimonian-Kacker step can
overshoot to a tau2 with a negative estimating equation, where statsmodels stops and returns 0.
"""
import sys

import pandas as pd
from statsmodels.stats.meta_analysis import _fit_tau_iterative, combine_effects

data = pd.read_csv(sys.argv[1])
for name, g in data.groupby("set", sort=True):
    y = g["yi"].to_numpy()
    v = g["vi"].to_numpy()
    for code, method, kw in (("dl", "dl", {}), ("pm", "iterated", {"atol": 1e-13, "maxiter": 100000})):
        r = combine_effects(y, v, method_re=method, **kw)
        converged = 1 if code == "dl" else int(bool(_fit_tau_iterative(y, v, **kw)[1]))
        values = [r.tau2, r.mean_effect_re, r.sd_eff_w_re, r.sd_eff_w_re_hksj, r.q, r.mean_effect_fe, r.sd_eff_w_fe]
        values.append(converged)
        print(name, code, " ".join("NaN" if x != x else repr(float(x)) for x in values))
