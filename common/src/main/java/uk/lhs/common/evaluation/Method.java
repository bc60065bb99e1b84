package uk.lhs.common.evaluation;

/** The evaluation methods, one output row each, plus the summary row. */
public enum Method {
    PRE_POST("pre_post"),
    SPC("spc"),
    ITS("its"),
    DID("did"),
    SYNTHETIC_CONTROL("synthetic_control"),
    SUMMARY("summary");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** The label written to the {@code method} column. */
    public String label() {
        return label;
    }
}
