package io.mtapi.harness.suites.files;

import io.mtapi.harness.config.ConfigLoader;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.stream.Stream;

/**
 * One argument per type the configured deployment allows ({@code api.files.allowedTypes}),
 * read with the run's own config layers, so a deployment that allows other types is
 * tested on its own list.
 */
final class AllowedTypes implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return ConfigLoader.withProperties(context::getConfigurationParameter).load()
                .allowedTypes().stream().map(Arguments::of);
    }
}
