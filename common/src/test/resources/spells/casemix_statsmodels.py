"""Independent computation for CaseMixModelStatsmodelsIT.

Reads cells.csv (factor levels, y, n, and the Java model's probability p) and prints, per line:
  fitted <i> <p>     statsmodels GLM Binomial maximum-likelihood probability of cell i (dummy coding, the
                     specialty column left out: it is nested in the group)
  auc <value>        Mann-Whitney AUC of the Java probabilities over the expanded discharges (average ranks for ties)
  slope <value>      Cox calibration slope: GLM Binomial of outcome on [1, logit p]
  citl <value>       calibration-in-the-large: intercept-only GLM with logit p as offset
  brier <value>      mean squared error over the expanded discharges
"""
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import rankdata

cells = pd.read_csv(sys.argv[1], dtype={"age_band": str, "method": str, "group": str, "specialty": str})
factors = ["age_band", "method", "group"]
X = pd.get_dummies(cells[factors], drop_first=True).astype(float)
X = sm.add_constant(X, has_constant="add")
endog = np.column_stack([cells["y"], cells["n"] - cells["y"]])
fit = sm.GLM(endog, X, family=sm.families.Binomial()).fit(tol=1e-14, maxiter=200)
for i, p in enumerate(fit.fittedvalues):
    print("fitted", i, "%.17g" % p)

p = cells["p"].to_numpy()
y = cells["y"].to_numpy().astype(int)
n = cells["n"].to_numpy().astype(int)
score = np.concatenate([np.repeat(p, y), np.repeat(p, n - y)])
outcome = np.concatenate([np.ones(y.sum()), np.zeros((n - y).sum())])
ranks = rankdata(score)
events = outcome.sum()
non_events = len(outcome) - events
auc = (ranks[outcome == 1].sum() - events * (events + 1) / 2) / (events * non_events)
print("auc", "%.17g" % auc)
lp = np.log(p / (1 - p))
slope = sm.GLM(endog, sm.add_constant(lp), family=sm.families.Binomial()).fit(tol=1e-14).params[1]
print("slope", "%.17g" % slope)
citl = sm.GLM(endog, np.ones((len(p), 1)), family=sm.families.Binomial(), offset=lp).fit(tol=1e-14).params[0]
print("citl", "%.17g" % citl)
print("brier", "%.17g" % np.mean((outcome - score) ** 2))
