"""Independent reference for `lhs did-csv` (DidCsvPythonIT).

Callaway & Sant'Anna (2021, J Econometrics 225(2)) group-time effects under unconditional parallel trends, written
from the paper's definitions with pandas/numpy: ATT(g,t) is the 2x2 difference of mean changes of cohort g and of the
comparison units between the base period and t; aggregations as the paper's section 4 and R did::aggte weight them
(cohort shares P(G=g)). Analytic standard errors from the influence functions, including the term for estimated
weights; the Wald pre-test with the influence-function covariance; TWFE by least squares on unit and period dummies
with a cluster-robust (CR1, K = T + 1) variance.

usage: did_reference.py PANEL.csv never|notyet varying|universal OUT.csv
The panel has columns unit, month (yyyy-MM), y, first (yyyy-MM or empty).
OUT.csv: aggregation,group,time,event_time,estimate,se  and then lines "pretest,W,df" and "twfe,beta,se".
"""
import sys

import numpy as np
import pandas as pd


def month_index(text):
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def month_text(index):
    return "%04d-%02d" % (index // 12, index % 12 + 1)


def main(panel_path, control, base, out_path):
    raw = pd.read_csv(panel_path, dtype={"unit": str, "month": str, "first": str}, keep_default_na=False)
    raw["t"] = raw["month"].map(month_index)
    raw["g"] = raw["first"].map(lambda s: 0 if s in ("", "0") else month_index(s))
    raw["y"] = pd.to_numeric(raw["y"].replace("", np.nan))
    raw = raw.dropna(subset=["y"])
    periods = sorted(raw["t"].unique())
    raw.loc[raw["g"] > periods[-1], "g"] = 0                       # treated after the data: never treated
    raw = raw[~((raw["g"] > 0) & (raw["g"] <= periods[0]))]          # treated in the first period: no pre-period
    wide = raw.pivot(index="unit", columns="t", values="y")
    wide = wide.dropna(axis=0, how="any")                            # balanced panel
    wide = wide[periods]
    g_of = raw.groupby("unit")["g"].first().loc[wide.index]
    n = len(wide)
    cohorts = sorted(c for c in g_of.unique() if c > 0)
    G = g_of.to_numpy()
    Y = wide.to_numpy()
    col = {t: j for j, t in enumerate(periods)}
    share = {g: float(np.mean(G == g)) for g in cohorts}

    cells = []  # (g, t, att, psi)
    for g in cohorts:
        pre = [t for t in periods if t < g]
        g_minus_1 = pre[-1]
        todo = periods[1:] if base == "varying" else periods
        for t in todo:
            if t >= g:
                b = g_minus_1
            elif base == "varying":
                b = periods[periods.index(t) - 1]
            else:
                b = g_minus_1
            if t == b:
                cells.append((g, t, 0.0, np.zeros(n)))
                continue
            dy = Y[:, col[t]] - Y[:, col[b]]
            treated = G == g
            if control == "never":
                comp = G == 0
            else:
                comp = (G == 0) | ((G > max(t, b)) & (G != g))
            mu1, mu0 = dy[treated].mean(), dy[comp].mean()
            psi = np.zeros(n)
            psi[treated] = n * (dy[treated] - mu1) / treated.sum()
            psi[comp] = -n * (dy[comp] - mu0) / comp.sum()
            cells.append((g, t, mu1 - mu0, psi))

    def weights_if(sel):
        # influence of estimating the weights P(G=g_k)/sum: derivative of the ratio, unit by unit
        pg = np.array([share[c[0]] for c in sel])
        att = np.array([c[2] for c in sel])
        s = pg.sum()
        ind = np.array([(G == c[0]).astype(float) for c in sel]).T   # n x k
        dev = ind - pg
        return dev @ att / s - dev.sum(axis=1) * (pg @ att) / s ** 2

    def weighted(sel, with_wif=True):
        pg = np.array([share[c[0]] for c in sel])
        w = pg / pg.sum()
        est = float(w @ np.array([c[2] for c in sel]))
        psi = sum(wk * c[3] for wk, c in zip(w, sel))
        if with_wif:
            psi = psi + weights_if(sel)
        return est, psi

    rows = []  # (aggregation, group, time, event, estimate, psi)
    for g, t, att, psi in cells:
        rows.append(("att_gt", month_text(g), month_text(t), str(t - g), att, psi))
    post = [c for c in cells if c[1] >= c[0]]
    est, psi = weighted(post)
    rows.append(("simple", "", "", "", est, psi))

    per_group = []
    for g in cohorts:
        sel = [c for c in post if c[0] == g]
        est = float(np.mean([c[2] for c in sel]))
        psi = sum(c[3] for c in sel) / len(sel)
        per_group.append((g, est, psi))
        rows.append(("group", month_text(g), "", "", est, psi))
    pg = np.array([share[g] for g in cohorts])
    w = pg / pg.sum()
    theta = np.array([x[1] for x in per_group])
    psi = sum(wk * x[2] for wk, x in zip(w, per_group)) + weights_if([(g, None, th, None) for g, th in zip(cohorts, theta)])
    rows.append(("group", "", "", "", float(w @ theta), psi))

    events = sorted({c[1] - c[0] for c in cells})
    dyn = []
    for e in events:
        est, psi = weighted([c for c in cells if c[1] - c[0] == e])
        dyn.append((e, est, psi))
        rows.append(("dynamic", "", "", str(e), est, psi))
    nonneg = [x for x in dyn if x[0] >= 0]
    rows.append(("dynamic", "", "", "", float(np.mean([x[1] for x in nonneg])), sum(x[2] for x in nonneg) / len(nonneg)))

    cal = []
    for t in sorted({c[1] for c in cells if c[1] >= cohorts[0]}):
        est, psi = weighted([c for c in post if c[1] == t])
        cal.append((t, est, psi))
        rows.append(("calendar", "", month_text(t), "", est, psi))
    rows.append(("calendar", "", "", "", float(np.mean([x[1] for x in cal])), sum(x[2] for x in cal) / len(cal)))

    def se(psi):
        s = float(np.sqrt(np.mean(psi ** 2) / n))
        return s if s > np.sqrt(np.finfo(float).eps) * 10 else float("nan")

    with open(out_path, "w") as f:
        f.write("aggregation,group,time,event_time,estimate,se\n")
        for a, g, t, e, est, psi in rows:
            f.write("%s,%s,%s,%s,%.17g,%.17g\n" % (a, g, t, e, est, se(psi)))
        pre = [c for c in cells if c[0] > c[1] and not np.isnan(se(c[3]))]
        if pre:
            a = np.array([c[2] for c in pre])
            P = np.array([c[3] for c in pre]).T
            V = P.T @ P / n
            W = float(n * a @ np.linalg.solve(V, a))
            f.write("pretest,%.17g,%d\n" % (W, len(pre)))
        # TWFE with explicit dummies (not the within transformation the Java code uses)
        T = len(periods)
        yv = Y.reshape(-1)
        D = np.array([[1.0 if G[i] > 0 and periods[j] >= G[i] else 0.0 for j in range(T)] for i in range(n)]).reshape(-1)
        unit_d = np.kron(np.eye(n), np.ones((T, 1)))
        time_d = np.kron(np.ones((n, 1)), np.eye(T))[:, 1:]
        X = np.column_stack([D, unit_d, time_d])
        beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
        resid = yv - X @ beta
        bread = np.linalg.pinv(X.T @ X)
        meat = np.zeros((X.shape[1], X.shape[1]))
        for i in range(n):
            s = X[i * T:(i + 1) * T].T @ resid[i * T:(i + 1) * T]
            meat += np.outer(s, s)
        N = n * T
        c = n / (n - 1) * (N - 1) / (N - (T + 1))
        v = c * (bread @ meat @ bread)[0, 0]
        f.write("twfe,%.17g,%.17g\n" % (beta[0], np.sqrt(v)))


if __name__ == "__main__":
    main(*sys.argv[1:5])
