package dev.modelstore.api;

import dev.modelstore.events.SourceType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link SourceType} by its wire name, the same name the API and events use. */
@Converter
public class SourceTypeConverter implements AttributeConverter<SourceType, String> {

    @Override
    public String convertToDatabaseColumn(SourceType type) {
        return type == null ? null : type.wireName();
    }

    @Override
    public SourceType convertToEntityAttribute(String name) {
        return name == null ? null : SourceType.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown source type in database: " + name));
    }
}
