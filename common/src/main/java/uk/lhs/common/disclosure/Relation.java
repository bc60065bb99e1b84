package uk.lhs.common.disclosure;

import java.util.Arrays;

/**
 * An additive relation between published cells: the parent's counts are the sums of its children's (a system and its
 * trusts, England and its regions, stratum {@code all} and one family of strata). Anyone holding the published
 * children and parent can subtract, so secondary suppression protects every relation.
 *
 * @param parent index of the parent cell
 * @param children indices of the child cells
 */
public record Relation(int parent, int[] children) {
    public Relation {
        children = children.clone();
    }

    @Override
    public int[] children() {
        return children.clone();
    }

    int child(int i) {
        return children[i];
    }

    int size() {
        return children.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Relation r && r.parent == parent && Arrays.equals(r.children, children);
    }

    @Override
    public int hashCode() {
        return 31 * parent + Arrays.hashCode(children);
    }

    @Override
    public String toString() {
        return parent + " = Σ" + Arrays.toString(children);
    }
}
