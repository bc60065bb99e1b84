package uk.lhs.common.indicators;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The validated indicator catalog (see {@link CatalogLoader}).
 *
 * @param indicators every indicator, ids unique, in catalog order
 */
public record IndicatorCatalog(List<Indicator> indicators) implements Serializable {
    public IndicatorCatalog {
        indicators = List.copyOf(indicators);
    }

    /** The indicator with this id, if any. */
    public Optional<Indicator> byId(String id) {
        return indicators.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The indicators drawn from one dataset, in catalog order. */
    public List<Indicator> forDataset(String dataset) {
        return indicators.stream().filter(i -> dataset.equals(i.dataset())).toList();
    }
}
