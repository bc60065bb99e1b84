"""Independent segmented-regression fit with statsmodels, for InterruptedTimeSeriesStatsmodelsIT.

Usage: its_statsmodels.py JOBS_FILE
Each line of JOBS_FILE is one fit: SERIES_CSV START FIRST_POST MAXLAGS SMALL_SAMPLE (space-separated); the answers
are printed in the same order, each starting with a line "case N". SERIES_CSV has columns period (YYYY-MM-DD,
first of month) and value. Months in [START, FIRST_POST) are dropped (implementation period). Model (Wagner et al. 2002): value ~ const + t + post + t_post [+ month dummies when there
are >= 24 pre-period months], fitted by OLS with cov_type='HAC', cov_kwds={'maxlags': MAXLAGS} (statsmodels
defaults otherwise) when SMALL_SAMPLE is 0, or with use_correction=True and use_t=True when it is 1. Prints one
"key value..." line per result.
"""
import sys

import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.stattools import durbin_watson
from statsmodels.tsa.stattools import acf


def fit(path, start, first_post, maxlags, small_sample):
    df = pd.read_csv(path, parse_dates=["period"]).sort_values("period")
    df = df[~((df.period >= start) & (df.period < first_post))].dropna(subset=["value"]).reset_index(drop=True)
    origin = df.period.iloc[0]

    def months_since(d):
        return (d.year - origin.year) * 12 + (d.month - origin.month)

    df["t"] = df.period.map(months_since).astype(float)
    t0 = months_since(first_post)
    df["post"] = (df.period >= first_post).astype(float)
    df["t_post"] = (df.t - t0) * df.post
    cols = ["t", "post", "t_post"]
    X = df[cols]
    if (df.post == 0).sum() >= 24:
        dummies = pd.get_dummies(df.period.dt.month, prefix="m", prefix_sep="", drop_first=True).astype(float)
        X = pd.concat([X, dummies], axis=1)
    X = sm.add_constant(X)
    if small_sample:
        res = sm.OLS(df.value, X).fit(
            cov_type="HAC", cov_kwds={"maxlags": maxlags, "use_correction": True}, use_t=True)
    else:
        res = sm.OLS(df.value, X).fit(cov_type="HAC", cov_kwds={"maxlags": maxlags})
    ci = res.conf_int(alpha=0.05)
    # One "key value..." line per item (plain text, so the Java side needs no JSON library).
    print("columns", *X.columns)
    print("params", *(repr(float(v)) for v in res.params))
    print("bse", *(repr(float(v)) for v in res.bse))
    print("pvalues", *(repr(float(v)) for v in res.pvalues))
    print("conf_int_lower", *(repr(float(v)) for v in ci.iloc[:, 0]))
    print("conf_int_upper", *(repr(float(v)) for v in ci.iloc[:, 1]))
    print("bse_nonrobust", *(repr(float(v)) for v in sm.OLS(df.value, X).fit().bse))
    print("use_t", int(bool(res.use_t)))
    print("durbin_watson", repr(float(durbin_watson(res.resid))))
    print("acf1", repr(float(acf(res.resid, nlags=1, fft=False)[1])))


with open(sys.argv[1]) as jobs:
    for number, job in enumerate(line.split() for line in jobs if line.strip()):
        print("case", number)
        fit(job[0], pd.Timestamp(job[1]), pd.Timestamp(job[2]), int(job[3]), job[4] == "1")
