# Independent meta-analysis with R metafor's rma() (MetaAnalysisCrossCheckIT).
# Reads a CSV (set,yi,vi); for every set, method (REML, DL, FE) and test (z, knha) prints one line:
#   <set> <method> <test> b se ci.lb ci.ub tau2 I2 QE QEp
# or "<set> <method> <test> error <message>" when rma() fails. REML is iterated to a tight threshold relative to the
# sampling variances (metafor's threshold is absolute, and some sets are on a 1e-3 scale).
suppressMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
for (s in sort(unique(d$set))) {
  g <- d[d$set == s, ]
  for (m in c("REML", "DL", "FE")) {
    for (t in c("z", "knha")) {
      r <- tryCatch(rma(g$yi, g$vi, method = m, test = t, control = list(threshold = 1e-12 * mean(g$vi), maxiter = 10000)),
                    error = function(e) conditionMessage(e))
      if (is.character(r)) {
        cat(s, m, t, "error", gsub("\\s+", "_", r), "\n")
      } else {
        cat(s, m, t, sprintf("%.17g", c(r$b, r$se, r$ci.lb, r$ci.ub, r$tau2, r$I2, r$QE, r$QEp)), "\n")
      }
    }
  }
}
